// What an operator command is expected to do, shown before the hub confirms it. The effect is
// recomputed on top of the hub-derived state on every read (outbox rows whose overlay is on), so
// undoing it is just switching that row's overlay off.
import { deadlinesFor } from '../../../common/domain/deadlines';
import type { Category, OperatorCommand } from '../../../common/protocol/hub-protocol';
import type { CrewState } from './crew';
import { newRequestState, type RequestState } from './request';

export type CommandTarget = { kind: 'request' | 'crew'; id: string };

/** Id under which a request being created by the console shows until the hub assigns the real one. */
export const PROVISIONAL_PREFIX = 'pending:';
export const provisionalRequestId = (commandId: string) => PROVISIONAL_PREFIX + commandId;

export function commandTarget(cmd: OperatorCommand, commandId: string): CommandTarget {
  switch (cmd.type) {
    case 'crew.set_status':
      return { kind: 'crew', id: cmd.data.crewId };
    case 'request.create':
      return { kind: 'request', id: provisionalRequestId(commandId) };
    default:
      return { kind: 'request', id: cmd.data.id };
  }
}

export interface PendingCommand {
  commandId: string;
  issuedAt: string;
  command: OperatorCommand;
}

/** The optimistic effect of one command on the request it targets (null: no such request). */
export function applyCommandToRequest(
  s: RequestState | null,
  p: PendingCommand,
  category: (code: string) => Category | undefined,
): RequestState | null {
  const { command: cmd, issuedAt: at } = p;
  if (cmd.type === 'request.create') {
    // Shown as the hub will create it: deadlines from the category, under a provisional id.
    const r = cmd.data.request;
    const cat = category(r.category);
    // An unknown category (the hub will refuse it) shows both deadlines at receivedAt meanwhile.
    const due = deadlinesFor(cat ?? { ackMinutes: 0, resolveMinutes: 0 }, r.receivedAt);
    const request = { ...r, id: provisionalRequestId(p.commandId), ...due };
    return newRequestState(request, at);
  }
  if (!s) return null;
  switch (cmd.type) {
    case 'request.acknowledge':
      return s.status === 'new' ? { ...s, status: 'acknowledged', acknowledgedAt: at, updatedAt: at } : s;
    case 'request.assign':
      return { ...s, status: 'assigned', crewId: cmd.data.crewId, acknowledgedAt: s.acknowledgedAt ?? at, updatedAt: at };
    case 'request.unassign':
      return { ...s, status: 'acknowledged', crewId: null, updatedAt: at };
    case 'request.set_status':
      return { ...s, status: cmd.data.status, updatedAt: at };
    case 'request.close':
      return { ...s, status: 'closed', closedAt: at, resolution: cmd.data.resolution, updatedAt: at };
    case 'request.transfer':
      return { ...s, status: 'closed', closedAt: at, resolution: 'transferred', updatedAt: at };
    case 'request.note':
    case 'crew.set_status':
      return s;
  }
}

export function applyCommandToCrew(s: CrewState | null, p: PendingCommand): CrewState | null {
  if (!s || p.command.type !== 'crew.set_status') return s;
  return { ...s, status: p.command.data.status };
}
