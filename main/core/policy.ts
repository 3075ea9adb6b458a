// Who may do and see what: the one place that decides it. Every API call carries its caller (the
// transport's session and what its credential opened); the core's sessions (./sessions) say which
// role that session acts as right now — an account's, the wall's, or signed out — and `withPolicy`
// puts this table in front of the core's handlers, so no handler, transport or component checks a
// role itself. A new role or a new call is one row or one entry here.
import { api, type CommandName, type Permissions, type QueryName, type Role, type SubscriptionName } from '../../common/api/contract';
import { ApiError, type ApiHandlers, type Caller } from '../../common/api/rpc';

interface Grant {
  queries: ReadonlySet<QueryName>;
  commands: ReadonlySet<CommandName>;
  subscriptions: ReadonlySet<SubscriptionName>;
  /** May submit operator commands (to the hub). */
  operates: boolean;
  /** May ask for a request's citizen name and phone (§7 of the protocol), one request at a time. */
  personalData: boolean;
  supervise: boolean;
}

type Kind = 'query' | 'command' | 'subscription';

/** Every session may ask who it is and follow that; signing in is for workstations (./sessions refuses the wall). */
const ANYONE = { queries: ['session'], commands: ['signIn'], subscriptions: ['session'] } as const;
/** What a person signed in may always do with their own session. */
const SIGNED_IN = { commands: ['signOut', 'lock', 'activity'] } as const;
/** Reading the district's live state: the map, the queue, a request's facts and timeline, crews. */
const READ = { queries: ['bootstrap', 'requestDetail', 'crewTrail'], subscriptions: ['live'] } as const;
/** An operator's tools: act on requests and crews, search the whole history, see a contact on asking. */
const OPERATE = { queries: ['actedOn', 'duplicateCandidates', 'search'], commands: ['submit', 'showContact'] } as const;
/** A supervisor's: accounts, the audit trail, the shift handover. */
const SUPERVISE = {
  queries: ['accounts', 'audit', 'handoverNotes', 'handoverPending'],
  commands: ['accountCreate', 'accountDisable', 'accountResetPassword', 'auditExport', 'handoverWrite', 'handoverAcknowledge'],
} as const;

type Part = { queries?: readonly QueryName[]; commands?: readonly CommandName[]; subscriptions?: readonly SubscriptionName[] };

function grant(flags: Pick<Grant, 'operates' | 'personalData' | 'supervise'>, ...parts: Part[]): Grant {
  return {
    queries: new Set(parts.flatMap((p) => p.queries ?? [])),
    commands: new Set(parts.flatMap((p) => p.commands ?? [])),
    subscriptions: new Set(parts.flatMap((p) => p.subscriptions ?? [])),
    ...flags,
  };
}

const GRANTS: Record<Role, Grant> = {
  signed_out: grant({ operates: false, personalData: false, supervise: false }, ANYONE),
  operator: grant({ operates: true, personalData: true, supervise: false }, ANYONE, SIGNED_IN, READ, OPERATE),
  supervisor: grant({ operates: true, personalData: true, supervise: true }, ANYONE, SIGNED_IN, READ, OPERATE, SUPERVISE),
  // The mayor reads the district (the map, the day), never a citizen's name or phone, and acts on nothing.
  mayor: grant({ operates: false, personalData: false, supervise: false }, ANYONE, SIGNED_IN, READ),
  // The wall is a screen across the room, not a person: it reads the district and nothing personal.
  wall: grant({ operates: false, personalData: false, supervise: false }, { queries: ['session'], subscriptions: ['session'] }, READ),
};

const REASONS: Partial<Record<Role, string>> = {
  signed_out: 'sign in first: this session has no one signed in (or its screen is locked)',
  wall: 'this display is read-only (wall role): commands are not accepted',
  mayor: "the mayor's session is read-only: commands are not accepted",
};

/** Every call of the contract, for the tests that try each with each role. */
export const ALL_CALLS: ReadonlyArray<{ kind: Kind; name: string }> = [
  ...Object.keys(api.queries).map((name) => ({ kind: 'query' as const, name })),
  ...Object.keys(api.commands).map((name) => ({ kind: 'command' as const, name })),
  ...Object.keys(api.subscriptions).map((name) => ({ kind: 'subscription' as const, name })),
];

/** Why a session of `role` may not use this call, or null when it may. */
export function refusal(role: Role, kind: Kind, name: string): string | null {
  const g = GRANTS[role];
  const allowed = kind === 'query' ? g.queries : kind === 'command' ? g.commands : g.subscriptions;
  if ((allowed as ReadonlySet<string>).has(name)) return null;
  return REASONS[role] ?? `the ${role} role may not use ${kind} "${name}"`;
}

export function seesPersonalData(role: Role): boolean {
  return GRANTS[role].personalData;
}

/** Whether the session may read the live state (a locked or signed-out screen shows none of it). */
export function readsLive(role: Role): boolean {
  return GRANTS[role].subscriptions.has('live');
}

/**
 * Whether a session of `role` is told how a command went (applied, refused and why). The session
 * that issued it only — another window of the same console must not read a refusal of a command it
 * did not send. A command no session here issued (`issuedBy` null: queued by the CLI, by an
 * earlier run, or by a window since closed) is told to every session that may send commands.
 */
export function seesNotice(role: Role, session: string, issuedBy: string | null): boolean {
  return issuedBy === null ? GRANTS[role].operates : session === issuedBy && readsLive(role);
}

/** What the session's UI should offer; the same table as the checks, never a second copy of it. */
export function permissions(role: Role): Permissions {
  const g = GRANTS[role];
  return { commands: g.operates, personalData: g.personalData, supervise: g.supervise };
}

/** The same handlers, each call first checked against the grant of the role its session has now. */
export function withPolicy(handlers: ApiHandlers, roleOf: (caller: Caller) => Role): ApiHandlers {
  const check = (caller: Caller, kind: Kind, name: string) => {
    const reason = refusal(roleOf(caller), kind, name);
    if (reason) throw new ApiError('forbidden', reason);
  };
  const guard = <T extends Record<string, (input: never, caller: Caller) => unknown>>(table: T, kind: 'query' | 'command'): T =>
    Object.fromEntries(
      Object.entries(table).map(([name, fn]) => [
        name,
        (input: never, caller: Caller) => {
          check(caller, kind, name);
          return fn(input, caller);
        },
      ]),
    ) as T;
  return {
    queries: guard(handlers.queries, 'query'),
    commands: guard(handlers.commands, 'command'),
    subscribe: (name, listener, caller) => {
      check(caller, 'subscription', name);
      return handlers.subscribe(name, listener, caller);
    },
  };
}
