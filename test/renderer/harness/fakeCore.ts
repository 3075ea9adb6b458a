// A test-only stand-in for the console core, for renderer unit tests and the screenshot harness:
// it implements the real ApiHandlers, so calls still go through the contract's dispatcher and
// validating client (common/api/rpc.ts). Deterministic data around Shiraz; never shipped.
import {
  liveBatch,
  type AccountRole,
  type Bootstrap,
  type CrewView,
  type DuplicateCandidate,
  type LiveBatch,
  type RequestDetail,
  type RequestView,
  type Role,
  type SessionState,
  type SignInOutcome,
  type SubscriptionName,
  type TimelineEntry,
} from '../../../common/api/contract';
import { bestMatchFirst, duplicateMatch, type DuplicateSubject } from '../../../common/domain/duplicates';
import { ApiError, createApiClient, dispatch, type ApiClient, type ApiHandlers, type Caller } from '../../../common/api/rpc';
import type { OperatorCommand } from '../../../common/protocol/hub-protocol';
import { hitTier, matchedFields, parseSearchQuery, searchDoc } from '../../../common/domain/search-query';
import { permissions, withPolicy } from '../../../main/core/policy';
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

/** The fake's accounts; each signs in with FAKE_PASSWORD. `op-9` is disabled. */
export const FAKE_ACCOUNTS: Record<string, { displayName: string; role: AccountRole; disabled?: true }> = {
  'op-7': { displayName: 'مریم کاظمی', role: 'operator' },
  'op-8': { displayName: 'رضا نوری', role: 'operator' },
  'sup-1': { displayName: 'لیلا صدری', role: 'supervisor' },
  'mayor-1': { displayName: 'شهردار منطقه', role: 'mayor' },
  'op-9': { displayName: 'حساب بسته', role: 'operator', disabled: true },
};
export const FAKE_PASSWORD = 'harness-pass-137';
/** Failed attempts for one username after which the fake slows it down (the core's own rule is its accounts'). */
export const FAKE_THROTTLE_AFTER = 3;
export const FAKE_THROTTLE_MS = 4000;
/** The citizen's contact every request of the fake has. */
export const FAKE_CONTACT = { name: 'زهرا احمدی', phone: '09171234567' };

export interface FakeCoreOptions {
  requests?: number;
  crews?: number;
  now?: number;
  /** Who the session starts as: an account of FAKE_ACCOUNTS (default `op-7`), nobody, or the wall display. */
  as?: string | 'signed_out' | 'wall';
  seed?: number;
  /** How long the fake hub takes to acknowledge a command. */
  ackDelayMs?: number;
}

export function makeBootstrap(o: Omit<FakeCoreOptions, 'as'> & { role?: Role; operatorId?: string } = {}): Bootstrap {
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
    permissions: permissions(o.role ?? 'operator'),
    operatorId: o.operatorId ?? 'op-7',
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
  /** The session as the core would tell it now. */
  session(): SessionState;
  /** Lock the session as the core's idle timer does, and tell the page. */
  lockIdle(): void;
  /** Commands received, in order. */
  commands: OperatorCommand[];
  /** Requests whose contact was asked for, in order. */
  contactsShown: string[];
  /** `activity` calls received. */
  activities: number;
  bootstraps: number;
}

export function createFakeCore(o: FakeCoreOptions = {}): FakeCore {
  const as = o.as ?? 'op-7';
  const access = as === 'wall' ? 'wall' : 'workstation';
  const state = makeBootstrap({ ...o, role: as === 'wall' ? 'wall' : 'operator' });
  const listeners: Record<SubscriptionName, Set<(p: unknown) => void>> = { live: new Set(), session: new Set() };
  const clone = <T,>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
  const find = (id: string) => state.requests.find((r) => r.id === id);
  /** Who is signed in (the wall: nobody, ever), and whether their screen is locked. */
  let account: string | null = as in FAKE_ACCOUNTS ? as : null;
  let locked = false;
  const failures = new Map<string, { count: number; until: number }>();

  const roleOf = (): Role => (access === 'wall' ? 'wall' : account && !locked ? FAKE_ACCOUNTS[account].role : 'signed_out');
  const session = (): SessionState => {
    const a = account ? { username: account, displayName: FAKE_ACCOUNTS[account].displayName, role: FAKE_ACCOUNTS[account].role } : null;
    return { role: roleOf(), access, account: a, locked, permissions: permissions(roleOf()), idleLockMinutes: 15, workstation: 'ws-harness', auditBroken: null };
  };
  const tell = () => listeners.session.forEach((l) => l(clone(session())));

  function signIn(username: string, password: string): SignInOutcome {
    const f = failures.get(username) ?? { count: 0, until: 0 };
    if (f.until > Date.now()) return { ok: false, reason: 'throttled', retryAfterMs: f.until - Date.now() };
    const known = FAKE_ACCOUNTS[username];
    if (!known || password !== FAKE_PASSWORD) {
      f.count++;
      if (f.count >= FAKE_THROTTLE_AFTER) f.until = Date.now() + FAKE_THROTTLE_MS;
      failures.set(username, f);
      return f.until > Date.now() ? { ok: false, reason: 'throttled', retryAfterMs: FAKE_THROTTLE_MS } : { ok: false, reason: 'bad_credentials', retryAfterMs: null };
    }
    if (known.disabled) return { ok: false, reason: 'disabled', retryAfterMs: null };
    failures.delete(username);
    account = username;
    locked = false;
    tell();
    return { ok: true, session: session() };
  }

  const core: FakeCore = {
    state,
    commands: [],
    contactsShown: [],
    activities: 0,
    bootstraps: 0,
    push: (batch) => core.pushRaw(liveBatch(batch)),
    // As the core: a locked or signed-out session is sent nothing of the district.
    pushRaw: (payload) => roleOf() !== 'signed_out' && listeners.live.forEach((l) => l(clone(payload))),
    session,
    lockIdle() {
      if (!account || locked) return;
      locked = true;
      tell();
    },
    // Behind the core's own policy, so the harness refuses and hides what the core would.
    handlers: withPolicy(
      {
        queries: {
          session: () => session(),
          bootstrap: () => {
            core.bootstraps++;
            return clone({ ...state, role: roleOf(), permissions: permissions(roleOf()), operatorId: account ?? 'wall' });
          },
          requestDetail: ({ id }) => {
            const r = find(id);
            if (!r) throw new ApiError('not_found', `no request ${id}`);
            return clone({ ...detailOf(r), duplicates: originalsIn(state.requests, r) });
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
          ...unsupported.queries,
        },
        commands: {
          signIn: ({ username, password }) => signIn(username, password),
          signOut: () => {
            account = null;
            locked = false;
            tell();
            return session();
          },
          lock: () => {
            core.lockIdle();
            return session();
          },
          activity: () => {
            core.activities++;
            return { ok: true as const };
          },
          showContact: ({ requestId }) => {
            if (!find(requestId)) throw new ApiError('not_found', `no request ${requestId}`);
            core.contactsShown.push(requestId);
            return { ...FAKE_CONTACT };
          },
          submit: (cmd) => submit(cmd as OperatorCommand),
          ...unsupported.commands,
        },
        subscribe: (name, listener) => {
          const l = listener as (p: unknown) => void;
          listeners[name].add(l);
          return () => listeners[name].delete(l);
        },
      },
      roleOf,
    ),
    client: undefined as unknown as ApiClient,
  };

  function submit(cmd: OperatorCommand): { commandId: string } {
    core.commands.push(cmd);
    const commandId = `cmd-${core.commands.length}`;
    const r = 'id' in cmd.data ? find(cmd.data.id as string) : undefined;
    const refused = cmd.type === 'request.acknowledge' && r && r.status !== 'new';
    if (r && !refused) {
      applyOptimistically(r, cmd);
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
  }

  const caller: Caller = { access, session: 'harness' };
  core.client = createApiClient({
    call: async (c) => dispatch(core.handlers, clone(c), caller),
    // Subscribing goes through the policy too (a signed-out session may follow `session` only).
    listen: (name, onPayload) => core.handlers.subscribe(name, onPayload, caller),
  });
  return core;
}

/** The supervisor's calls, which the renderer does not make yet: the fake has no accounts table, audit or handover. */
const notInFake = (name: string) => () => {
  throw new ApiError('bad_call', `the harness has no ${name}`);
};
const unsupported = {
  queries: {
    accounts: notInFake('accounts'),
    audit: notInFake('audit'),
    handoverNotes: notInFake('handoverNotes'),
    handoverPending: notInFake('handoverPending'),
  },
  commands: {
    accountCreate: notInFake('accountCreate'),
    accountDisable: notInFake('accountDisable'),
    accountResetPassword: notInFake('accountResetPassword'),
    auditExport: notInFake('auditExport'),
    handoverWrite: notInFake('handoverWrite'),
    handoverAcknowledge: notInFake('handoverAcknowledge'),
  },
};

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

function detailOf(r: RequestView): Omit<RequestDetail, 'duplicates'> {
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
  return { request: r, timeline };
}
