// The one API between the renderer and the core, defined once. Both transports (Electron IPC via
// preload, and the loopback web shell's WebSocket) carry exactly these calls; the core validates
// every input, the renderer validates every output and every live batch (see ./rpc.ts).
import { z } from 'zod';
import {
  Boundary,
  Category,
  Channel,
  CrewStatus,
  Priority,
  RequestStatus,
  Resolution,
  OperatorCommand,
  COMMAND_ERROR_CODES,
  Lon,
  Lat,
} from '../protocol/hub-protocol';
import { SEARCH_FIELDS } from '../domain/search-query';
import { ACCOUNT_ROLES } from '../domain/account';
import { AUDIT_ACTIONS } from '../domain/audit';

export const RequestView = z.object({
  id: z.string(),
  category: z.string(),
  priority: Priority,
  status: RequestStatus,
  description: z.string(),
  address: z.string(),
  lon: Lon,
  lat: Lat,
  channel: Channel,
  receivedAt: z.string(),
  ackDueAt: z.string(),
  resolveDueAt: z.string(),
  /** When it was acknowledged (or assigned straight from `new`); null while new. */
  acknowledgedAt: z.string().nullable(),
  crewId: z.string().nullable(),
  closedAt: z.string().nullable(),
  resolution: Resolution.nullable(),
  rating: z.number().int().min(1).max(5).nullable(),
  updatedAt: z.string(),
  /** Operator commands on this request still waiting for the hub's ack (optimistic state shown). */
  pendingCommands: z.number().int().nonnegative(),
  /** How many open requests this open one is a likely duplicate of (common/domain/duplicates). */
  duplicates: z.number().int().nonnegative(),
});
export type RequestView = z.infer<typeof RequestView>;

/** An open request another is a likely duplicate of: how far from it and how alike their texts. */
export const DuplicateCandidate = z.object({ request: RequestView, meters: z.number(), similarity: z.number() });
export type DuplicateCandidate = z.infer<typeof DuplicateCandidate>;

/** Id under which a request being created by the console shows until the hub assigns the real one. */
export const PROVISIONAL_PREFIX = 'pending:';
export const provisionalRequestId = (commandId: string): string => PROVISIONAL_PREFIX + commandId;

export const FixView = z.object({
  crewId: z.string(),
  lon: Lon,
  lat: Lat,
  heading: z.number().nullable(),
  speedKmh: z.number().nullable(),
  at: z.string(),
});
export type FixView = z.infer<typeof FixView>;

export const CrewView = z.object({
  id: z.string(),
  name: z.string(),
  contractorId: z.string(),
  categories: z.array(z.string()),
  vehicle: z.string().nullable(),
  status: CrewStatus,
  /** When it took that status (from the event log; a pending change: when it was issued); null: unknown. */
  statusSince: z.string().nullable(),
  fix: FixView.nullable(),
});
export type CrewView = z.infer<typeof CrewView>;

export const ContractorView = z.object({ id: z.string(), name: z.string(), categories: z.array(z.string()) });
export type ContractorView = z.infer<typeof ContractorView>;

export const DistrictView = z.object({
  id: z.string(),
  nameFa: z.string(),
  nameEn: z.string(),
  boundary: Boundary,
  center: z.tuple([Lon, Lat]),
});
export type DistrictView = z.infer<typeof DistrictView>;
export { Category };
export type CategoryView = z.infer<typeof Category>;

export const LinkState = z.object({
  /** connecting: first attempt; replaying: catching up; live: caught up; reconnecting: waiting
   *  to retry; stopped: a final refusal (bad token, unknown district…) — no more retries. */
  state: z.enum(['connecting', 'replaying', 'live', 'reconnecting', 'stopped']),
  /** Since when the link has been in this state (or, while not live, since it was last live). */
  since: z.string(),
  hubId: z.string().nullable(),
  lastSeq: z.number().int().nonnegative(),
  headSeq: z.number().int().nonnegative().nullable(),
  /** `at` of the newest applied event, to show its age. */
  lastEventAt: z.string().nullable(),
  replay: z.object({ fromSeq: z.number(), toSeq: z.number(), appliedSeq: z.number() }).nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  nextRetryAt: z.string().nullable(),
  outboxPending: z.number().int().nonnegative(),
  rejectedEvents: z.number().int().nonnegative(),
});
export type LinkState = z.infer<typeof LinkState>;

/** Who did what to the request, from the event log, so that a command no longer fitted (a `conflict`). */
export const NoticeCause = z.object({
  /** The event's type, e.g. `request.assigned`. */
  type: z.string(),
  actorKind: z.string(),
  actorId: z.string().nullable(),
  /** When the hub recorded it (the hub's clock). */
  at: z.string(),
  /** The request's status and crew after that event (the one assigned, the one reporting). */
  status: RequestStatus,
  crewId: z.string().nullable(),
  /** For `request.closed`: how it was closed. */
  resolution: Resolution.nullable(),
});
export type NoticeCause = z.infer<typeof NoticeCause>;

export const Notice = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('command_failed'),
    commandId: z.string(),
    type: z.string(),
    targetId: z.string().nullable(),
    code: z.enum(COMMAND_ERROR_CODES),
    message: z.string(),
    /** For a `conflict`: the event that made the command not fit; null when the log does not tell. */
    cause: NoticeCause.nullable(),
  }),
  z.object({ kind: z.literal('command_applied'), commandId: z.string(), type: z.string(), targetId: z.string().nullable() }),
]);
export type Notice = z.infer<typeof Notice>;

/**
 * What a transport's credential opens: a workstation, where people sign in with their accounts, or
 * the wall display, which is a screen across the room, not a person (it never signs in).
 */
export const Access = z.enum(['workstation', 'wall']);
export type Access = z.infer<typeof Access>;

/** An account's role (common/domain/account.ts); the username is also its id at the hub. */
export const AccountRole = z.enum(ACCOUNT_ROLES);
export type AccountRole = z.infer<typeof AccountRole>;

/**
 * Who a session acts as right now: a signed-in account's role, the wall display, or nobody
 * (`signed_out`: no one signed in yet, signed out, or locked). main/core/policy.ts says what each
 * may do and see.
 */
export const Role = z.enum(['signed_out', ...ACCOUNT_ROLES, 'wall']);
export type Role = z.infer<typeof Role>;

/** What the policy lets this session do, so the UI offers only that (the core enforces it anyway). */
export const Permissions = z.object({
  /** May submit operator commands. */
  commands: z.boolean(),
  /** May ask for a request's citizen name and phone (§7), one request at a time, audited. */
  personalData: z.boolean(),
  /** May manage accounts, read and export the audit trail, write and acknowledge handover notes. */
  supervise: z.boolean(),
});
export type Permissions = z.infer<typeof Permissions>;

export const AccountView = z.object({
  username: z.string(),
  displayName: z.string(),
  role: AccountRole,
  createdAt: z.string(),
  disabledAt: z.string().nullable(),
});
export type AccountView = z.infer<typeof AccountView>;

/** The session as its page should show it: who is signed in (or locked the screen), what they may do. */
export const SessionState = z.object({
  role: Role,
  access: Access,
  /** The account signed in; while locked, the one who was (their screen waits for a sign-in). */
  account: AccountView.pick({ username: true, displayName: true, role: true }).nullable(),
  locked: z.boolean(),
  permissions: Permissions,
  /** After this long without a keystroke or click the core locks the session. */
  idleLockMinutes: z.number().positive(),
  /** This workstation's id (the console's), as the audit trail names it. */
  workstation: z.string(),
  /** For a supervisor: the audit chain's first broken row, found at start; null when intact (or not told). */
  auditBroken: z.object({ seq: z.number().int(), reason: z.string() }).nullable(),
});
export type SessionState = z.infer<typeof SessionState>;

export const Bootstrap = z.object({
  role: Role,
  permissions: Permissions,
  /** The signed-in account's username (its operator id at the hub); `wall` on a wall display. */
  operatorId: z.string(),
  district: DistrictView.nullable(),
  categories: z.array(Category),
  contractors: z.array(ContractorView),
  crews: z.array(CrewView),
  /** Open requests plus those closed since the start of today (Tehran time). */
  requests: z.array(RequestView),
  link: LinkState,
  /** Whether a basemap file was found in the data directory (the map shows a hint otherwise). */
  basemap: z.object({ url: z.string() }).nullable(),
});
export type Bootstrap = z.infer<typeof Bootstrap>;

export const TimelineEntry = z.object({
  seq: z.number().int().nonnegative(),
  at: z.string(),
  type: z.string(),
  actorKind: z.string(),
  actorId: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const RequestDetail = z.object({
  request: RequestView,
  timeline: z.array(TimelineEntry),
  /** The open requests it is a likely duplicate of, best match first. */
  duplicates: z.array(DuplicateCandidate),
});
export type RequestDetail = z.infer<typeof RequestDetail>;

export const CrewTrail = z.object({
  crewId: z.string(),
  /** [lon, lat, epoch ms] of today's fixes, oldest first, thinned. */
  points: z.array(z.tuple([z.number(), z.number(), z.number()])),
});
export type CrewTrail = z.infer<typeof CrewTrail>;

/** Live changes, coalesced by the core and sent at most a few times a second. */
export const LiveBatch = z.object({
  /** The hub-derived state was replaced (snapshot): the renderer re-runs `bootstrap`. */
  reset: z.boolean(),
  requests: z.array(RequestView),
  removedRequestIds: z.array(z.string()),
  crews: z.array(CrewView),
  removedCrewIds: z.array(z.string()),
  fixes: z.array(FixView),
  district: DistrictView.nullable(),
  categories: z.array(Category).nullable(),
  contractors: z.array(ContractorView).nullable(),
  link: LinkState.nullable(),
  notices: z.array(Notice),
});
export type LiveBatch = z.infer<typeof LiveBatch>;

/** A batch carrying only what `over` sets; `liveBatch({ reset: true })` makes the renderer re-bootstrap. */
export function liveBatch(over: Partial<LiveBatch> = {}): LiveBatch {
  return {
    reset: false,
    requests: [],
    removedRequestIds: [],
    crews: [],
    removedCrewIds: [],
    fixes: [],
    district: null,
    categories: null,
    contractors: null,
    link: null,
    notices: [],
    ...over,
  };
}

/** The fields a search can match a request by (common/domain/search-query). */
export const SearchField = z.enum(SEARCH_FIELDS);

export const SearchResult = z.object({ hits: z.array(z.object({ request: RequestView, matched: z.array(SearchField) })) });
export type SearchResult = z.infer<typeof SearchResult>;

/** A row of the audit trail as a supervisor reads it (docs/audit.md; `at` in UTC, shown in Tehran time). */
export const AuditEntryView = z.object({
  seq: z.number().int().positive(),
  at: z.string(),
  accountId: z.string().nullable(),
  workstation: z.string(),
  session: z.string(),
  action: z.enum(AUDIT_ACTIONS),
  targetKind: z.string().nullable(),
  targetId: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
});
export type AuditEntryView = z.infer<typeof AuditEntryView>;

/** A Jalali day, `1405-09-12` (Latin digits), read in Asia/Tehran. */
export const JalaliDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a Jalali day as YYYY-MM-DD');

/** Which audit rows to read: one Tehran day, narrowed to an account or a request. */
export const AuditFilter = z.object({
  day: JalaliDay.optional(),
  accountId: z.string().max(64).optional(),
  requestId: z.string().max(64).optional(),
  limit: z.number().int().min(1).max(5000).optional(),
});

export const HandoverNoteView = z.object({
  id: z.number().int(),
  writtenBy: z.string(),
  writtenAt: z.string(),
  text: z.string(),
  overdue: z.array(
    z.object({
      id: z.string(),
      category: z.string(),
      priority: Priority,
      status: RequestStatus,
      which: z.enum(['ack', 'resolve']),
      deadline: z.string(),
    }),
  ),
  acknowledgedBy: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
});
export type HandoverNoteView = z.infer<typeof HandoverNoteView>;

/** A refused sign-in is an answer, not an error: the screen says why (never which of name or password was wrong). */
export const SignInOutcome = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), session: SessionState }),
  z.object({
    ok: z.literal(false),
    reason: z.enum(['bad_credentials', 'disabled', 'throttled']),
    /** While throttled: how long until the next attempt is taken. */
    retryAfterMs: z.number().int().nonnegative().nullable(),
  }),
]);
export type SignInOutcome = z.infer<typeof SignInOutcome>;

const Username = z.string().max(64);
const Password = z.string().max(1024);
const Empty = z.object({});
const Done = z.object({ ok: z.literal(true) });

export const api = {
  queries: {
    /** Who this session is and what it may do: the first call of every page, allowed to all. */
    session: { input: Empty, output: SessionState },
    bootstrap: { input: Empty, output: Bootstrap },
    requestDetail: { input: z.object({ id: z.string().max(64) }), output: RequestDetail },
    crewTrail: { input: z.object({ crewId: z.string().max(64) }), output: CrewTrail },
    /** The requests the signed-in account acted on: their events in the log, their commands still in the outbox. */
    actedOn: { input: Empty, output: z.object({ ids: z.array(z.string()) }) },
    /** The open requests a request about to be created would be a likely duplicate of (walk-in form). */
    duplicateCandidates: {
      input: z.object({ category: z.string().max(64), lon: Lon, lat: Lat, description: z.string().max(2000), address: z.string().max(500) }),
      output: z.object({ candidates: z.array(DuplicateCandidate) }),
    },
    /** Requests open and closed, of the whole local history, best match first (docs/search.md). */
    search: { input: z.object({ text: z.string().max(200), limit: z.number().int().min(1).max(200).optional() }), output: SearchResult },
    accounts: { input: Empty, output: z.object({ accounts: z.array(AccountView) }) },
    audit: { input: AuditFilter, output: z.object({ entries: z.array(AuditEntryView) }) },
    /** Handover notes written on a Tehran day (default today), newest first. */
    handoverNotes: { input: z.object({ day: JalaliDay.optional() }), output: z.object({ notes: z.array(HandoverNoteView) }) },
    /** The newest note another supervisor wrote that no one has acknowledged yet. */
    handoverPending: { input: Empty, output: z.object({ note: HandoverNoteView.nullable() }) },
  },
  commands: {
    /** Sign in on this workstation (also over a locked screen, by the same or the next person). */
    signIn: { input: z.object({ username: Username, password: Password }), output: SignInOutcome },
    signOut: { input: Empty, output: SessionState },
    /** Lock the screen now; signing in again opens it. */
    lock: { input: Empty, output: SessionState },
    /** The person at the screen pressed a key or clicked: the idle lock starts again. */
    activity: { input: Empty, output: Done },
    /** Queue an operator command in the durable outbox, apply it optimistically, send it. */
    submit: { input: OperatorCommand, output: z.object({ commandId: z.string() }) },
    /** A request's citizen name and phone (§7), for this request only; the asking is audited. */
    showContact: {
      input: z.object({ requestId: z.string().max(64) }),
      output: z.object({ name: z.string().nullable(), phone: z.string().nullable() }),
    },
    accountCreate: {
      input: z.object({ username: Username, displayName: z.string().max(200), role: AccountRole, password: Password }),
      output: AccountView,
    },
    accountDisable: { input: z.object({ username: Username }), output: AccountView },
    accountResetPassword: { input: z.object({ username: Username, password: Password }), output: Done },
    /** The audit rows of the filter as CSV (docs/audit.md); the export is itself audited. */
    auditExport: { input: AuditFilter, output: z.object({ csv: z.string(), rows: z.number().int() }) },
    handoverWrite: { input: z.object({ text: z.string().max(8000) }), output: HandoverNoteView },
    handoverAcknowledge: { input: z.object({ id: z.number().int().positive() }), output: HandoverNoteView },
  },
  subscriptions: {
    live: LiveBatch,
    /** This session's state whenever it changes (signed in or out, locked by the idle timer). */
    session: SessionState,
  },
} as const;

export type Api = typeof api;
export type QueryName = keyof Api['queries'];
export type CommandName = keyof Api['commands'];
export type SubscriptionName = keyof Api['subscriptions'];
