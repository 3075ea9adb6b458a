// A test-only stand-in for the console core, for renderer unit tests and the screenshot harness:
// it implements the real ApiHandlers, so calls still go through the contract's dispatcher and
// validating client (common/api/rpc.ts). Deterministic data around Shiraz; never shipped.
import {
  liveBatch,
  type Bootstrap,
  type CrewView,
  type DuplicateCandidate,
  type LiveBatch,
  type RequestDetail,
  type RequestView,
  type TimelineEntry,
} from '../../../common/api/contract';
import { bestMatchFirst, duplicateMatch, type DuplicateSubject } from '../../../common/domain/duplicates';
import { ApiError, createApiClient, dispatch, type ApiClient, type ApiHandlers } from '../../../common/api/rpc';
import type { OperatorCommand } from '../../../common/protocol/hub-protocol';
import { hitTier, matchedFields, parseSearchQuery, searchDoc } from '../../../common/domain/search-query';
import { permissions, seesPersonalData, withPolicy } from '../../../main/core/policy';
import { callerFor } from '../../support/callers';
import { liveLink } from '../../support/live-link';


function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CATEGORIES = [
  ['pothole', 'چاله و خرابی آسفالت', 'Pothole', 'normal', 30, 1440],
  ['garbage', 'جمع‌آوری پسماند', 'Garbage', 'normal', 20, 240],
  ['streetlight', 'خاموشی روشنایی معابر', 'Dark street light', 'normal', 60, 1440],
  ['fallen_tree', 'سقوط درخت', 'Fallen tree', 'urgent', 10, 120],
  ['flooding', 'آب‌گرفتگی معابر', 'Flooding', 'urgent', 10, 180],
  ['stray_animal', 'حیوانات بلاصاحب', 'Stray animals', 'high', 20, 360],
  ['sidewalk', 'خرابی پیاده‌رو', 'Broken sidewalk', 'low', 120, 4320],
  ['debris', 'نخاله ساختمانی', 'Construction debris', 'low', 60, 2880],
] as const;

const STREETS = [
  'خیابان زند', 'بلوار قصردشت', 'بلوار ملاصدرا', 'خیابان عفیف‌آباد', 'بلوار معالی‌آباد', 'بلوار چمران',
  'خیابان ارم', 'خیابان ستارخان', 'بلوار پاسداران', 'خیابان کریمخان', 'خیابان لطفعلی‌خان', 'بلوار هفت تیر',
];
const LANDMARKS = ['نرسیده به چهارراه', 'روبه‌روی بانک ملی', 'کوچهٔ ۱۲', 'جنب پارک', 'نبش کوچهٔ ۷', 'پشت ایستگاه اتوبوس'];
const STATUSES: RequestView['status'][] = ['new', 'new', 'acknowledged', 'assigned', 'en_route', 'on_site', 'resolved', 'closed', 'closed'];
const PRIORITIES: RequestView['priority'][] = ['urgent', 'high', 'normal', 'normal', 'normal', 'low'];
const CHANNELS: RequestView['channel'][] = ['phone', 'phone', 'app', 'web', 'sms', 'walk_in'];
const CREW_STATUSES: CrewView['status'][] = ['available', 'available', 'available', 'assigned', 'en_route', 'on_site', 'break', 'off_duty'];
const PEOPLE = ['ناصر حیدری', 'مجید رحیمی', 'کریم اسدی', 'فرهاد کریمی', 'بهروز صادقی', 'حسین شریفی'];
const CENTER: [number, number] = [52.535, 29.625];

export interface FakeCoreOptions {
  requests?: number;
  crews?: number;
  now?: number;
  role?: 'operator' | 'wall';
  seed?: number;
  /** How long the fake hub takes to acknowledge a command. */
  ackDelayMs?: number;
}

export function makeBootstrap(o: FakeCoreOptions = {}): Bootstrap {
  const rnd = mulberry32(o.seed ?? 137);
  const now = o.now ?? Date.now();
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const iso = (ms: number) => new Date(ms).toISOString();
  const near = (spread: number): [number, number] => [CENTER[0] + (rnd() - 0.5) * spread, CENTER[1] + (rnd() - 0.5) * spread * 0.8];

  const contractors = [
    { id: 'k1', name: 'پیمانکار نوین‌سازان', categories: ['pothole', 'sidewalk', 'debris'] },
    { id: 'k2', name: 'خدمات شهری پارس', categories: ['garbage', 'debris', 'stray_animal'] },
    { id: 'k3', name: 'روشنا نور', categories: ['streetlight'] },
    { id: 'k4', name: 'فضای سبز ارم', categories: ['fallen_tree', 'flooding'] },
  ];
  const crews: CrewView[] = Array.from({ length: o.crews ?? 36 }, (_, i) => {
    const k = contractors[i % contractors.length];
    const [lon, lat] = near(0.09);
    return {
      id: `crew-${i + 1}`,
      name: `اکیپ ${i + 1} — ${PEOPLE[i % PEOPLE.length]}`,
      contractorId: k.id,
      categories: k.categories,
      vehicle: i % 3 === 0 ? `نیسان ${10 + i}` : null,
      status: pick(CREW_STATUSES),
      statusSince: i % 5 === 4 ? null : iso(now - (3 + ((i * 17) % 90)) * 60_000),
      fix: i % 9 === 8 ? null : { crewId: `crew-${i + 1}`, lon, lat, heading: null, speedKmh: null, at: iso(now - (i % 7 === 0 ? 45 : 1) * 60_000) },
    };
  });
  const requests: RequestView[] = Array.from({ length: o.requests ?? 2000 }, (_, i) => {
    const [code, , , defaultPriority, ackMinutes, resolveMinutes] = pick(CATEGORIES);
    const status = pick(STATUSES);
    const receivedAt = now - Math.floor(rnd() * 6 * 3600_000);
    const acknowledged = status !== 'new' ? receivedAt + Math.floor(rnd() * ackMinutes * 1.5 * 60_000) : null;
    const [lon, lat] = near(0.12);
    const crewId = ['assigned', 'en_route', 'on_site', 'resolved', 'closed'].includes(status) ? pick(crews).id : null;
    return {
      id: `137-0611-${String(4000 + i).padStart(6, '0')}`,
      category: code,
      priority: rnd() < 0.5 ? defaultPriority : pick(PRIORITIES),
      status,
      description: 'شهروند گزارش داده است که مشکل از صبح امروز ادامه دارد و نیاز به رسیدگی فوری است.',
      address: `${pick(STREETS)}، ${pick(LANDMARKS)}`,
      lon,
      lat,
      channel: pick(CHANNELS),
      receivedAt: iso(receivedAt),
      ackDueAt: iso(receivedAt + ackMinutes * 60_000),
      resolveDueAt: iso(receivedAt + resolveMinutes * 60_000),
      acknowledgedAt: acknowledged ? iso(Math.min(acknowledged, now)) : null,
      crewId,
      closedAt: status === 'closed' ? iso(now - Math.floor(rnd() * 1800_000)) : null,
      resolution: status === 'closed' ? pick(['resolved', 'resolved', 'duplicate', 'invalid'] as const) : null,
      rating: status === 'closed' && rnd() < 0.3 ? 1 + Math.floor(rnd() * 5) : null,
      updatedAt: iso(now - 1000),
      pendingCommands: 0,
      duplicates: 0,
    };
  });
  countOriginals(requests);
  return {
    role: o.role ?? 'operator',
    permissions: permissions(callerFor(o.role ?? 'operator')),
    operatorId: 'op-7',
    district: {
      id: 'shiraz-1',
      nameFa: 'منطقهٔ ۱ شیراز',
      nameEn: 'Shiraz District 1',
      boundary: {
        type: 'Polygon',
        coordinates: [[[52.47, 29.58], [52.6, 29.58], [52.6, 29.67], [52.47, 29.67], [52.47, 29.58]]],
      },
      center: CENTER,
    },
    categories: CATEGORIES.map(([code, nameFa, nameEn, defaultPriority, ackMinutes, resolveMinutes]) => ({
      code, nameFa, nameEn, defaultPriority, ackMinutes, resolveMinutes,
    })),
    contractors,
    crews,
    requests,
    link: liveLink({ since: iso(now - 3600_000), hubId: 'hub-shiraz', lastSeq: 48211, headSeq: 48211, lastEventAt: iso(now - 12_000), rejectedEvents: 2 }),
    basemap: null,
  };
}

export interface FakeCore {
  handlers: ApiHandlers;
  client: ApiClient;
  state: Bootstrap;
  /** Deliver a live batch (missing fields empty) to every subscriber, as the core's coalescer would. */
  push(batch: Partial<LiveBatch>): void;
  /** Raw payloads, for testing the client's validation. */
  pushRaw(payload: unknown): void;
  /** Commands received, in order. */
  commands: OperatorCommand[];
  bootstraps: number;
}

export function createFakeCore(o: FakeCoreOptions = {}): FakeCore {
  const state = makeBootstrap(o);
  const listeners = new Set<(p: unknown) => void>();
  const clone = <T,>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
  const find = (id: string) => state.requests.find((r) => r.id === id);

  const core: FakeCore = {
    state,
    commands: [],
    bootstraps: 0,
    push: (batch) => core.pushRaw(liveBatch(batch)),
    pushRaw: (payload) => listeners.forEach((l) => l(clone(payload))),
    // Behind the core's own policy, so the harness refuses and hides what the core would.
    handlers: withPolicy({
      queries: {
        bootstrap: () => {
          core.bootstraps++;
          return clone(state);
        },
        requestDetail: ({ id }, caller) => {
          const r = find(id);
          if (!r) throw new ApiError('not_found', `no request ${id}`);
          return clone({ ...detailOf(r, seesPersonalData(caller)), duplicates: originalsIn(state.requests, r) });
        },
        crewTrail: ({ crewId }) => ({ crewId, points: [] }),
        actedOn: () => ({ ids: [] }),
        duplicateCandidates: (input) => ({
          candidates: clone(originalsIn(state.requests, { ...input, id: '', receivedAt: new Date().toISOString(), closedAt: null })),
        }),
        // The core's own rule over the fake's requests (no phones: the fake holds none).
        search: ({ text }) => {
          const q = parseSearchQuery(text);
          const hits = state.requests.map((r) => ({ r, doc: searchDoc({ ...r, citizenPhone: null }, null) }));
          return {
            hits: q
              ? hits.filter(({ doc }) => hitTier(doc, q, false) !== null).map(({ r, doc }) => ({ request: clone(r), matched: matchedFields(doc, q, false) }))
              : [],
          };
        },
      },
      commands: {
        submit: (cmd) => {
          core.commands.push(cmd as OperatorCommand);
          const commandId = `cmd-${core.commands.length}`;
          const r = 'id' in cmd.data ? find(cmd.data.id as string) : undefined;
          const refused = cmd.type === 'request.acknowledge' && r && r.status !== 'new';
          if (r && !refused) {
            applyOptimistically(r, cmd as OperatorCommand);
            r.pendingCommands++;
            core.push({ requests: [r] });
          }
          setTimeout(() => {
            if (refused) {
              core.push({
                notices: [
                  {
                    kind: 'command_failed',
                    commandId,
                    type: cmd.type,
                    targetId: r?.id ?? null,
                    code: 'conflict',
                    message: `request is already ${r?.status}`,
                    // as the core explains a conflict: another operator got there first
                    cause: { type: 'request.acknowledged', actorKind: 'operator', actorId: 'op-3', at: r?.acknowledgedAt ?? new Date().toISOString(), status: 'acknowledged', crewId: null, resolution: null },
                  },
                ],
              });
            } else if (r) {
              r.pendingCommands--;
              core.push({ requests: [r], notices: [{ kind: 'command_applied', commandId, type: cmd.type, targetId: r.id }] });
            }
          }, o.ackDelayMs ?? 400);
          return { commandId };
        },
      },
      subscribe: (_name, listener) => {
        const l = listener as (p: unknown) => void;
        listeners.add(l);
        return () => listeners.delete(l);
      },
    }),
    client: undefined as unknown as ApiClient,
  };
  core.client = createApiClient({
    call: async (c) => dispatch(core.handlers, clone(c), callerFor(state.role)),
    listen: (_name, onPayload) => {
      listeners.add(onPayload);
      return () => listeners.delete(onPayload);
    },
  });
  return core;
}

function applyOptimistically(r: RequestView, cmd: OperatorCommand): void {
  const at = new Date().toISOString();
  r.updatedAt = at;
  switch (cmd.type) {
    case 'request.acknowledge':
      r.status = 'acknowledged';
      r.acknowledgedAt = at;
      break;
    case 'request.assign':
      r.status = 'assigned';
      r.crewId = cmd.data.crewId;
      r.acknowledgedAt ??= at;
      break;
    case 'request.unassign':
      r.status = 'acknowledged';
      r.crewId = null;
      break;
    case 'request.set_status':
      r.status = cmd.data.status;
      break;
    case 'request.close':
    case 'request.transfer':
      r.status = 'closed';
      r.closedAt = at;
      r.resolution = cmd.type === 'request.close' ? cmd.data.resolution : 'transferred';
      break;
    default:
      break;
  }
}

/** The core's rule over the fake's requests (the core reads stored pairs; the answer is the same). */
function originalsIn(requests: readonly RequestView[], s: DuplicateSubject): DuplicateCandidate[] {
  const out: DuplicateCandidate[] = [];
  for (const request of requests) {
    const m = duplicateMatch(s, request);
    if (m) out.push({ request, ...m });
  }
  return out.sort(bestMatchFirst);
}

/** Each request's badge: the rule against the requests of its category in its band of latitude and the two beside it (~110 m each). */
function countOriginals(requests: RequestView[]): void {
  const key = (r: RequestView, d: number) => `${r.category}|${Math.floor(r.lat * 1000) + d}`;
  const bands = new Map<string, RequestView[]>();
  for (const r of requests) bands.set(key(r, 0), [...(bands.get(key(r, 0)) ?? []), r]);
  for (const r of requests) r.duplicates = originalsIn([-1, 0, 1].flatMap((d) => bands.get(key(r, d)) ?? []), r).length;
}

function detailOf(r: RequestView, personalData: boolean): Omit<RequestDetail, 'duplicates'> {
  const t0 = Date.parse(r.receivedAt);
  const entry = (seq: number, minutes: number, type: string, actorKind: string, data: Record<string, unknown>): TimelineEntry => ({
    seq,
    at: new Date(t0 + minutes * 60_000).toISOString(),
    type,
    actorKind,
    actorId: actorKind === 'operator' ? 'op-7' : null,
    data,
  });
  const timeline = [entry(1, 0, 'request.created', 'citizen', { request: { id: r.id } })];
  if (r.acknowledgedAt) timeline.push(entry(2, 4, 'request.acknowledged', 'operator', { id: r.id, operatorId: 'op-7' }));
  if (r.crewId) timeline.push(entry(3, 6, 'request.assigned', 'operator', { id: r.id, crewId: r.crewId, operatorId: 'op-7' }));
  if (r.crewId) timeline.push(entry(4, 9, 'request.noted', 'operator', { id: r.id, note: 'با شهروند تماس گرفته شد؛ محل دقیق تأیید شد.', author: 'اپراتور ۷' }));
  if (r.status === 'closed') timeline.push(entry(5, 40, 'request.closed', 'operator', { id: r.id, resolution: r.resolution }));
  return {
    request: r,
    citizen: personalData ? { name: 'زهرا احمدی', phone: '۰۹۱۷۱۲۳۴۵۶۷' } : null,
    timeline,
  };
}
