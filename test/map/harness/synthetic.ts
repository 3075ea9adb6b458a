// Synthetic district data for the map harness: a city's load of requests and crews inside the
// demo hub's district 6, deterministic for a given seed, and a fleet that drives the crews and
// reports one fix per crew per second.
import type { Bootstrap, CrewView, FixView, RequestView } from '../../../common/api/contract';
import type { CrewStatus, Priority, RequestStatus } from '../../../common/protocol/hub-protocol';
import { BOUNDARY_RING, CATEGORIES, districtInfo } from '../../../hub/district6';
import { pointInRing } from '../../../common/geo/point-in-ring';
import { permissions } from '../../../main/core/policy';
import { liveLink } from '../../support/live-link';

export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: () => number, items: readonly T[]): T => items[Math.floor(r() * items.length)];

const BOX = { w: 52.452, e: 52.532, s: 29.621, n: 29.681 };
export function randomPoint(r: () => number): [number, number] {
  for (;;) {
    const p: [number, number] = [BOX.w + r() * (BOX.e - BOX.w), BOX.s + r() * (BOX.n - BOX.s)];
    if (pointInRing(p, BOUNDARY_RING)) return p;
  }
}

const PRIORITIES: Priority[] = ['urgent', 'high', 'high', 'normal', 'normal', 'normal', 'normal', 'low', 'low'];
const STATUSES: RequestStatus[] = ['new', 'new', 'acknowledged', 'assigned', 'en_route', 'on_site', 'resolved', 'closed'];
const CREW_STATUSES: CrewStatus[] = ['available', 'available', 'assigned', 'en_route', 'en_route', 'on_site', 'break'];

export function makeRequest(r: () => number, i: number, now: number, crews: readonly CrewView[]): RequestView {
  const [lon, lat] = randomPoint(r);
  const status = pick(r, STATUSES);
  const received = now - Math.floor(r() * 6 * 3600_000);
  const withCrew = ['assigned', 'en_route', 'on_site', 'resolved'].includes(status);
  const iso = (t: number) => new Date(t).toISOString();
  return {
    id: `req-${i}`,
    category: pick(r, CATEGORIES).code,
    priority: pick(r, PRIORITIES),
    status,
    description: `synthetic request ${i}`,
    address: `خیابان آزمایشی ${i}`,
    lon,
    lat,
    channel: 'phone',
    receivedAt: iso(received),
    ackDueAt: iso(received + (r() < 0.3 ? 10 : 600) * 60_000),
    resolveDueAt: iso(received + (r() < 0.2 ? 60 : 1440) * 60_000),
    acknowledgedAt: status === 'new' ? null : iso(received + 60_000),
    crewId: withCrew && crews.length ? pick(r, crews).id : null,
    closedAt: status === 'closed' ? iso(now - 60_000) : null,
    resolution: status === 'closed' ? 'resolved' : null,
    rating: null,
    updatedAt: iso(received + 60_000),
    pendingCommands: 0,
    duplicates: 0,
  };
}

export function makeCrew(r: () => number, i: number, now: number): CrewView {
  const [lon, lat] = randomPoint(r);
  return {
    id: `crew-${i}`,
    name: `اکیپ ${i.toLocaleString('fa-IR', { useGrouping: false })}`,
    contractorId: 'ctr-synthetic',
    categories: [pick(r, CATEGORIES).code],
    vehicle: null,
    status: pick(r, CREW_STATUSES),
    statusSince: null,
    fix: { crewId: `crew-${i}`, lon, lat, heading: Math.floor(r() * 360), speedKmh: 30, at: new Date(now - Math.floor(r() * 1000)).toISOString() },
  };
}

export function makeBootstrap(o: { requests: number; crews: number; seed: number; basemapUrl: string | null; role?: 'operator' | 'wall' }): Bootstrap {
  const r = rng(o.seed);
  const now = Date.now();
  const crews = Array.from({ length: o.crews }, (_, i) => makeCrew(r, i, now));
  const requests = Array.from({ length: o.requests }, (_, i) => makeRequest(r, i, now, crews));
  return {
    role: o.role ?? 'operator',
    permissions: permissions(o.role ?? 'operator'),
    operatorId: 'op-harness',
    district: districtInfo('6'),
    categories: CATEGORIES,
    contractors: [{ id: 'ctr-synthetic', name: 'پیمانکار آزمایشی', categories: CATEGORIES.map((c) => c.code) }],
    crews,
    requests,
    link: liveLink({ since: new Date(now).toISOString(), hubId: 'hub-harness' }),
    basemap: o.basemapUrl ? { url: o.basemapUrl } : null,
  };
}

const M_PER_DEG_LAT = 111_320;

/** Drives every crew at ~30 km/h, bouncing off the district box; one fix per crew per second. */
export class Fleet {
  private state: { lon: number; lat: number; heading: number }[];
  private next = 0;

  constructor(crews: readonly CrewView[]) {
    this.state = crews.map((c) => ({ lon: c.fix!.lon, lat: c.fix!.lat, heading: c.fix!.heading ?? 0 }));
  }

  /** The fixes due in the next `ms` milliseconds' share of the fleet (round-robin over one second). */
  fixes(ms: number, now: number): FixView[] {
    const n = this.state.length;
    const count = Math.round((n * ms) / 1000);
    const out: FixView[] = [];
    for (let k = 0; k < count; k++) {
      const i = this.next;
      this.next = (this.next + 1) % n;
      const s = this.state[i];
      const step = 8.3; // m in one second at 30 km/h
      const rad = (s.heading * Math.PI) / 180;
      let lon = s.lon + (Math.sin(rad) * step) / (M_PER_DEG_LAT * Math.cos((s.lat * Math.PI) / 180));
      let lat = s.lat + (Math.cos(rad) * step) / M_PER_DEG_LAT;
      if (lon < BOX.w || lon > BOX.e || lat < BOX.s || lat > BOX.n) {
        s.heading = (s.heading + 180) % 360;
        lon = s.lon;
        lat = s.lat;
      }
      s.lon = lon;
      s.lat = lat;
      out.push({ crewId: `crew-${i}`, lon, lat, heading: s.heading, speedKmh: 30, at: new Date(now).toISOString() });
    }
    return out;
  }
}
