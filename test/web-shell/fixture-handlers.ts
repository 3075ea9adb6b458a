// A small but real ApiHandlers for the shell tests: a few requests in memory, `submit` that
// acknowledges one, and a `live` subscription that coalesces changes into one batch per tick the
// way the core does. Lets the transports be tested without waiting for the core.
import { ApiError, type ApiHandlers, type SubscriptionPayload } from '../../common/api/rpc';
import { liveBatch, type Bootstrap, type LiveBatch, type RequestView, type Role, type SessionState } from '../../common/api/contract';
import type { Caller } from '../../common/api/rpc';
import { permissions, withPolicy } from '../../main/core/policy';
import { liveLink } from '../support/live-link';

type Live = SubscriptionPayload<'live'>;

export interface FixtureHandlers extends ApiHandlers {
  /** Send one batch right away to every listener (for volume/backpressure tests). */
  push(batch: Partial<LiveBatch>): void;
  listenerCount(): number;
}

const AT = '2025-11-28T08:00:00.000Z';

export function request(id: string, description = 'چاله در خیابان زند'): RequestView {
  return {
    id,
    category: 'pothole',
    priority: 'normal',
    status: 'new',
    description,
    address: 'خیابان زند',
    lon: 52.54,
    lat: 29.61,
    channel: 'phone',
    receivedAt: AT,
    ackDueAt: AT,
    resolveDueAt: AT,
    acknowledgedAt: null,
    crewId: null,
    closedAt: null,
    resolution: null,
    rating: null,
    updatedAt: AT,
    pendingCommands: 0,
    duplicates: 0,
  };
}


const roleOf = (caller: Caller): Role => (caller.access === 'wall' ? 'wall' : 'operator');

function session(caller: Caller): SessionState {
  const role = roleOf(caller);
  return {
    role,
    access: caller.access,
    account: role === 'operator' ? { username: 'op-test', displayName: 'op-test', role } : null,
    locked: false,
    permissions: permissions(role),
    idleLockMinutes: 15,
    workstation: 'fixture',
    auditBroken: null,
  };
}

const notServed = (): never => {
  throw new ApiError('unavailable', 'not served by the transports’ fixture');
};

export function fixtureHandlers(flushMs = 20): FixtureHandlers {
  const requests = new Map(['r-1', 'r-2', 'r-3'].map((id) => [id, request(id)]));
  const listeners = new Set<(batch: Live) => void>();
  let changed = new Map<string, RequestView>();
  let notices: Live['notices'] = [];
  let timer: NodeJS.Timeout | null = null;
  let commands = 0;

  const emit = (batch: Live) => {
    for (const listener of listeners) listener(batch);
  };
  const flush = () => {
    timer = null;
    emit(liveBatch({ requests: [...changed.values()], notices }));
    changed = new Map();
    notices = [];
  };

  // Behind the core's own policy: the shell's callers are refused what the core would refuse them.
  const handlers: ApiHandlers = withPolicy({
    queries: {
      session: (_input, caller) => session(caller),
      bootstrap(_input, caller): Bootstrap {
        return {
          role: roleOf(caller),
          permissions: permissions(roleOf(caller)),
          operatorId: 'op-test',
          district: null,
          categories: [],
          contractors: [],
          crews: [],
          requests: [...requests.values()],
          link: liveLink({ since: AT, hubId: 'hub-test' }),
          basemap: null,
        };
      },
      requestDetail({ id }) {
        const found = requests.get(id);
        if (!found) throw new ApiError('not_found', `no request ${id}`);
        return { request: found, timeline: [], duplicates: [] };
      },
      crewTrail({ crewId }) {
        return { crewId, points: [] };
      },
      actedOn() {
        return { ids: [] };
      },
      duplicateCandidates() {
        return { candidates: [] };
      },
      search() {
        return { hits: [] };
      },
      accounts: notServed,
      audit: notServed,
      handoverNotes: notServed,
      handoverPending: notServed,
    },
    commands: {
      signIn: notServed,
      signOut: notServed,
      lock: notServed,
      activity: () => ({ ok: true as const }),
      showContact: notServed,
      accountCreate: notServed,
      accountDisable: notServed,
      accountResetPassword: notServed,
      auditExport: notServed,
      handoverWrite: notServed,
      handoverAcknowledge: notServed,
      submit(command) {
        if (command.type !== 'request.acknowledge') throw new ApiError('invalid_input', 'fixture only acknowledges');
        const found = requests.get(command.data.id);
        if (!found) throw new ApiError('not_found', `no request ${command.data.id}`);
        const updated: RequestView = { ...found, status: 'acknowledged', acknowledgedAt: AT };
        requests.set(updated.id, updated);
        changed.set(updated.id, updated);
        const commandId = `cmd-${++commands}`;
        notices.push({ kind: 'command_applied', commandId, type: command.type, targetId: updated.id });
        timer ??= setTimeout(flush, flushMs);
        return { commandId };
      },
    },
    subscribe(name, listener) {
      // A fixture session never changes: nothing to tell its followers.
      if (name === 'session') return () => {};
      if (name !== 'live') throw new ApiError('bad_call', `no subscription ${name}`);
      const l = listener as (batch: Live) => void;
      listeners.add(l);
      return () => listeners.delete(l);
    },
  }, roleOf);
  return {
    ...handlers,
    push: (batch) => emit(liveBatch(batch)),
    listenerCount: () => listeners.size,
  };
}
