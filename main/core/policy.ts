// Who may do and see what: the one place that decides it. Every API call carries its caller (the
// transport's session and its role); `withPolicy` puts this table in front of the core's handlers,
// so no handler, transport or component checks a role itself. A new role (supervisor, mayor) or a
// new query is one row or one entry here.
import { api, type CommandName, type Permissions, type QueryName, type Role, type SubscriptionName } from '../../common/api/contract';
import { ApiError, type ApiHandlers, type Caller } from '../../common/api/rpc';

interface Grant {
  queries: ReadonlySet<QueryName>;
  commands: ReadonlySet<CommandName>;
  subscriptions: ReadonlySet<SubscriptionName>;
  /** Citizens' names and phones (§7 of the protocol), in a request's detail only. */
  personalData: boolean;
  /** Why a command is refused, in the words the operator or the log will read. */
  readOnlyReason?: string;
}

const ALL_QUERIES = new Set(Object.keys(api.queries) as QueryName[]);
const ALL_COMMANDS = new Set(Object.keys(api.commands) as CommandName[]);
const ALL_SUBSCRIPTIONS = new Set(Object.keys(api.subscriptions) as SubscriptionName[]);

/**
 * Searching the whole history, by phone too, and checking a request about to be created for
 * duplicates are an operator's tools, not something a wall shows (a wall creates nothing). A
 * request's count and list of likely duplicates are not personal: the wall reads them.
 */
const OPERATOR_TOOLS: ReadonlySet<QueryName> = new Set(['search', 'duplicateCandidates']);
const WALL_QUERIES = new Set([...ALL_QUERIES].filter((q) => !OPERATOR_TOOLS.has(q)));

const GRANTS: Record<Role, Grant> = {
  operator: { queries: ALL_QUERIES, commands: ALL_COMMANDS, subscriptions: ALL_SUBSCRIPTIONS, personalData: true },
  // The wall is a screen across the room, not a person: it reads everything but personal data.
  wall: {
    queries: WALL_QUERIES,
    commands: new Set(),
    subscriptions: ALL_SUBSCRIPTIONS,
    personalData: false,
    readOnlyReason: 'this display is read-only (wall role): commands are not accepted',
  },
};

/** Why `caller` may not use this call, or null when it may. */
export function refusal(caller: Caller, kind: 'query' | 'command' | 'subscription', name: string): string | null {
  const grant = GRANTS[caller.role];
  const allowed = kind === 'query' ? grant.queries : kind === 'command' ? grant.commands : grant.subscriptions;
  if ((allowed as ReadonlySet<string>).has(name)) return null;
  if (kind === 'command' && grant.readOnlyReason) return grant.readOnlyReason;
  return `the ${caller.role} role may not use ${kind} "${name}"`;
}

export function seesPersonalData(caller: Caller): boolean {
  return GRANTS[caller.role].personalData;
}

/**
 * Whether `caller` is told how a command went (applied, refused and why). The session that issued
 * it only — another window of the same console must not read a refusal of a command it did not
 * send. A command no session here issued (`issuedBy` null: queued by the CLI, by an earlier run,
 * or by a window since closed) is told to every session that may send commands.
 */
export function seesNotice(caller: Caller, issuedBy: string | null): boolean {
  return issuedBy === null ? GRANTS[caller.role].commands.size > 0 : caller.session === issuedBy;
}

/** What the caller's UI should offer; the same table as the checks, never a second copy of it. */
export function permissions(caller: Caller): Permissions {
  return { commands: GRANTS[caller.role].commands.size > 0, personalData: seesPersonalData(caller) };
}

/** The same handlers, each call first checked against the caller's grant. */
export function withPolicy(handlers: ApiHandlers): ApiHandlers {
  const check = (caller: Caller, kind: 'query' | 'command' | 'subscription', name: string) => {
    const reason = refusal(caller, kind, name);
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
