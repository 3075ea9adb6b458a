// Flood mode: many extra crews, each sending one GPS fix per second, emitted in batches every
// 100 ms — the load a city-wide hub may put on one district's console (§4).
import type { Fix } from '../../common/protocol/hub-protocol';
import type { District } from '../district';
import { inside, randomPoint, type Point } from './geo';
import type { Rng } from './random';

const BATCH_MS = 100;
const KMH = 30;
const DEG_LAT_PER_KM = 1 / 111.2;
const DEG_LON_PER_KM = 1 / (111.2 * Math.cos((29.65 * Math.PI) / 180));
const HEADINGS = [0, 90, 180, 270]; // axis-aligned streets

export function startFlood(d: District, r: Rng, count: number, log: (line: string) => void): () => void {
  const ids = Array.from({ length: count }, (_, i) => `flood-${String(i + 1).padStart(4, '0')}`);
  const missing = ids.filter((id) => !d.state.crews.has(id));
  if (missing.length > 0) {
    d.batch(() => {
      const actor = { kind: 'hub' as const };
      d.append(missing.map((id) => ({ type: 'crew.upserted', data: { crew: { id, name: `اکیپ کمکی ${id.slice(6)}`, contractorId: 'ctr-parspak', categories: ['garbage'], vehicle: 'وانت نیسان' } } })), actor);
      d.append(missing.map((crewId) => ({ type: 'crew.status_changed', data: { crewId, status: 'available' } })), actor);
    });
  }
  const crews = ids.map((id) => ({ id, at: randomPoint(r) as Point, heading: r.pick(HEADINGS) }));
  let tick = 0;
  const timer = setInterval(() => {
    const slot = tick++ % (1000 / BATCH_MS);
    const at = new Date().toISOString();
    const fixes: Fix[] = [];
    for (let i = slot; i < crews.length; i += 1000 / BATCH_MS) {
      const c = crews[i];
      move(c, r);
      fixes.push({ crewId: c.id, lon: c.at[0], lat: c.at[1], heading: c.heading, speedKmh: KMH, accuracyM: 6, at });
    }
    d.pushFixes(fixes);
  }, BATCH_MS);
  log(`flood: ${count} crews, one fix per second each, for district ${d.id}`);
  return () => clearInterval(timer);
}

/** One second of driving; turn at "corners" now and then, and back off the boundary. */
function move(c: { at: Point; heading: number }, r: Rng) {
  if (r.chance(0.03)) c.heading = r.pick(HEADINGS);
  const km = KMH / 3600;
  for (let attempt = 0; attempt < 4; attempt++) {
    const rad = (c.heading * Math.PI) / 180;
    const next: Point = [c.at[0] + Math.sin(rad) * km * DEG_LON_PER_KM, c.at[1] + Math.cos(rad) * km * DEG_LAT_PER_KM];
    if (inside(next)) {
      c.at = [Math.round(next[0] * 1e6) / 1e6, Math.round(next[1] * 1e6) / 1e6];
      return;
    }
    c.heading = (c.heading + 90) % 360;
  }
}
