// The core's side of the renderer API (common/api/contract.ts). Inputs arrive validated by the
// transport's dispatcher, with their caller; ./sessions says who is signed in on the caller's
// session and ./policy decides what that role may call and see.
import { ApiError, type ApiHandlers, type Caller } from '../../common/api/rpc';
import type { AuditFilter, Bootstrap, ContractorView, LinkState, LiveBatch, SessionState, TimelineEntry } from '../../common/api/contract';
import type { OperatorCommand } from '../../common/protocol/hub-protocol';
import { jalaliDayOf, tehranDayBounds } from '../../common/domain/jalali-day';
import { startOfTehranDay } from '../../common/domain/tehran-day';
import type { z } from 'zod';
import { AccountError, type Accounts } from './accounts';
import type { AuditTrail } from './audit';
import type { Store, StoredEvent } from './db/store';
import { HandoverError, type Handover } from './handover';
import type { LiveFeed } from './live';
import type { PositionBook } from './positions';
import { permissions, seesPersonalData, withPolicy } from './policy';
import { searchRequests } from './search';
import type { Sessions } from './sessions';
import type { Views } from './views';

export interface HandlerDeps {
  store: Store;
  views: Views;
  positions: PositionBook;
  live: LiveFeed;
  link(): LinkState;
  sessions: Sessions;
  accounts: Accounts;
  audit: AuditTrail;
  handover: Handover;
  basemapUrl: string | null;
  /** Queue a command sent by `caller` under `operatorId` (whose session alone is told how it went). */
  submit(cmd: OperatorCommand, caller: Caller, operatorId: string): { commandId: string };
}

export function contractorViews(store: Store): ContractorView[] {
  return store.reference.contractors().map(({ id, name, categories }) => ({ id, name, categories }));
}

/** Timeline entries never carry the citizen block of request.created (it is personal data). */
function toTimelineEntry(e: StoredEvent): TimelineEntry {
  let data = e.data;
  if (e.type === 'request.created' && data.request && typeof data.request === 'object') {
    const { citizen: _c, ...request } = data.request as Record<string, unknown>;
    data = { ...data, request };
  }
  return { seq: e.seq, at: e.at, type: e.type, actorKind: e.actorKind, actorId: e.actorId, data };
}

/** A refusal by the accounts or handover rules, told to the caller as an invalid input in their words. */
function asApiError<T>(run: () => T): T {
  try {
    const out = run();
    return out instanceof Promise ? (out.catch(rethrow) as T) : out;
  } catch (err) {
    return rethrow(err);
  }
}

function rethrow(err: unknown): never {
  if (err instanceof AccountError || err instanceof HandoverError) {
    throw new ApiError(err.code === 'not_found' ? 'not_found' : 'invalid_input', err.message);
  }
  throw err;
}

export function createHandlers(d: HandlerDeps): ApiHandlers {
  /** The signed-in account of a call the policy let through to an account's tools. */
  const who = (caller: Caller) => {
    const account = d.sessions.accountOf(caller);
    if (!account) throw new ApiError('forbidden', 'no one is signed in on this session');
    return account;
  };
  const auditRows = (f: z.infer<typeof AuditFilter>) => {
    const bounds = f.day ? dayBounds(f.day) : null;
    return d.audit.list({
      fromAt: bounds?.from,
      toAt: bounds?.to,
      accountId: f.accountId,
      ...(f.requestId ? { targetKind: 'request', targetId: f.requestId } : {}),
      limit: f.limit ?? 1000,
    });
  };
  /** A person's command or keystroke: the idle lock starts again. */
  const acting = <I, O>(fn: (input: I, caller: Caller) => O) => (input: I, caller: Caller): O => {
    d.sessions.touch(caller);
    return fn(input, caller);
  };

  return withPolicy(
    {
      queries: {
        session: (_input, caller): SessionState => d.sessions.state(caller),
        bootstrap: (_input, caller): Bootstrap => {
          const role = d.sessions.roleOf(caller);
          return {
            role,
            permissions: permissions(role),
            operatorId: d.sessions.accountOf(caller)?.username ?? caller.access,
            district: d.store.reference.district(),
            categories: d.store.reference.categories(),
            contractors: contractorViews(d.store),
            crews: d.views.crews(),
            requests: d.views.requests(new Date(startOfTehranDay(Date.now())).toISOString()),
            link: d.link(),
            basemap: d.basemapUrl ? { url: d.basemapUrl } : null,
          };
        },
        requestDetail: ({ id }) => {
          const s = d.views.requestState(id);
          if (!s) throw new ApiError('not_found', `no request ${id}`);
          const { view, originals } = d.views.withOriginals(s);
          return { request: view, timeline: d.store.events.requestTimeline(id).map(toTimelineEntry), duplicates: originals };
        },
        crewTrail: ({ crewId }) => ({ crewId, points: d.positions.trail(crewId) }),
        actedOn: (_input, caller) => {
          const me = who(caller).username;
          return { ids: [...new Set([...d.store.events.requestsActedOnBy(me), ...d.store.outbox.pendingRequestsOf(me)])] };
        },
        duplicateCandidates: (input) => ({ candidates: d.views.originalsForNew({ ...input, receivedAt: new Date().toISOString() }) }),
        // Phones are searched only for a caller who may see them: another caller's digits never match one.
        search: ({ text, limit }, caller) => searchRequests(d.store, d.views, text, seesPersonalData(d.sessions.roleOf(caller)), limit),
        accounts: () => ({ accounts: d.accounts.list() }),
        audit: (filter) => ({ entries: auditRows(filter) }),
        handoverNotes: ({ day }) => {
          const { from, to } = dayBounds(day ?? jalaliDayOf(Date.now()));
          return { notes: d.handover.list(from, to) };
        },
        handoverPending: (_input, caller) => ({ note: d.handover.pending(who(caller).username) }),
      },
      commands: {
        signIn: ({ username, password }, caller) => d.sessions.signIn(caller, username, password),
        signOut: (_input, caller) => d.sessions.signOut(caller),
        lock: (_input, caller) => d.sessions.lock(caller),
        activity: acting(() => ({ ok: true as const })),
        submit: acting((cmd, caller) => d.submit(cmd as OperatorCommand, caller, who(caller).username)),
        showContact: acting(({ requestId }, caller) => {
          const s = d.views.requestState(requestId);
          if (!s) throw new ApiError('not_found', `no request ${requestId}`);
          d.audit.record({ accountId: who(caller).username, session: caller.session, action: 'contact_shown', targetKind: 'request', targetId: requestId, detail: { requestId } });
          return { name: s.citizenName, phone: s.citizenPhone };
        }),
        accountCreate: acting((input, caller) =>
          asApiError(async () => {
            const account = await d.accounts.create(input);
            d.audit.record({
              accountId: who(caller).username,
              session: caller.session,
              action: 'account_created',
              targetKind: 'account',
              targetId: account.username,
              detail: { username: account.username, role: account.role },
            });
            return account;
          }),
        ),
        accountDisable: acting(({ username }, caller) =>
          asApiError(() => {
            const account = d.accounts.disable(username);
            d.audit.record({ accountId: who(caller).username, session: caller.session, action: 'account_disabled', targetKind: 'account', targetId: username, detail: { username } });
            d.sessions.accountDisabled(username);
            return account;
          }),
        ),
        accountResetPassword: acting(({ username, password }, caller) =>
          asApiError(async () => {
            await d.accounts.resetPassword(username, password);
            d.audit.record({ accountId: who(caller).username, session: caller.session, action: 'password_reset', targetKind: 'account', targetId: username, detail: { username } });
            return { ok: true as const };
          }),
        ),
        auditExport: acting((filter, caller) => {
          const rows = auditRows(filter);
          d.audit.record({ accountId: who(caller).username, session: caller.session, action: 'audit_exported', detail: { ...filter, rows: rows.length } });
          return { csv: d.audit.csv(rows), rows: rows.length };
        }),
        handoverWrite: acting(({ text }, caller) =>
          asApiError(() => {
            const note = d.handover.write(who(caller).username, text);
            d.audit.record({
              accountId: note.writtenBy,
              session: caller.session,
              action: 'handover_written',
              targetKind: 'handover',
              targetId: String(note.id),
              detail: { overdueRequests: note.overdue.length },
            });
            return note;
          }),
        ),
        handoverAcknowledge: acting(({ id }, caller) =>
          asApiError(() => {
            const note = d.handover.acknowledge(id, who(caller).username);
            d.audit.record({
              accountId: note.acknowledgedBy,
              session: caller.session,
              action: 'handover_acknowledged',
              targetKind: 'handover',
              targetId: String(id),
              detail: { writtenBy: note.writtenBy },
            });
            return note;
          }),
        ),
      },
      subscribe: (name, listener, caller) => {
        if (name === 'live') return d.live.subscribe(listener as (b: LiveBatch) => void, caller);
        if (name === 'session') return d.sessions.subscribe(caller, listener as (s: SessionState) => void);
        throw new ApiError('bad_call', `unknown subscription ${String(name)}`);
      },
    },
    (caller) => d.sessions.roleOf(caller),
  );
}

function dayBounds(day: string) {
  try {
    return tehranDayBounds(day);
  } catch (err) {
    throw new ApiError('invalid_input', (err as Error).message);
  }
}
