// What an operator command is expected to do, shown before the hub confirms it: the event the hub
// will record for it (common/domain/lifecycle), folded like the hub's own. The effect is
// recomputed on top of the hub-derived state on every read (outbox rows whose overlay is on), so
// undoing it is just switching that row's overlay off.
import { provisionalRequestId } from '../../../common/api/contract';
import { deadlinesFor } from '../../../common/domain/deadlines';
import { commandEvent, conflictOf, type EventDraft } from '../../../common/domain/lifecycle';
import type { Category, KnownEvent, OperatorCommand } from '../../../common/protocol/hub-protocol';
import { reduceCrew, type CrewState } from './crew';
import { reduceRequest, type RequestState } from './request';

export type CommandTarget = { kind: 'request' | 'crew'; id: string };

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

/** A command's predicted event, stamped as the hub would stamp it (its seq is the hub's to give). */
function predicted<D extends EventDraft<KnownEvent>>(p: PendingCommand, draft: D) {
  return { ...draft, seq: 0, id: p.commandId, at: p.issuedAt, actor: { kind: 'operator' as const }, commandId: p.commandId };
}

/**
 * The optimistic effect of one command on the request it targets (null: no such request): where
 * the command fits, the event it predicts, through the same fold as the hub's events. Where it
 * does not fit, nothing (the hub will refuse it). A note changes nothing of the request but the
 * time the hub records it at.
 */
export function applyCommandToRequest(
  s: RequestState | null,
  p: PendingCommand,
  category: (code: string) => Category | undefined,
): RequestState | null {
  const cmd = p.command;
  if (cmd.type === 'request.create') {
    // Shown as the hub will create it: deadlines from the category, under a provisional id.
    const r = cmd.data.request;
    const cat = category(r.category);
    // An unknown category (the hub will refuse it) shows both deadlines at receivedAt meanwhile.
    const due = deadlinesFor(cat ?? { ackMinutes: 0, resolveMinutes: 0 }, r.receivedAt);
    const request = { ...r, id: provisionalRequestId(p.commandId), ...due };
    return reduceRequest(null, predicted(p, { type: 'request.created', data: { request } }));
  }
  if (!s || cmd.type === 'crew.set_status' || cmd.type === 'request.note' || conflictOf(s, cmd)) return s;
  // Who issued it is not part of the request's state.
  return reduceRequest(s, predicted(p, commandEvent(cmd, '')));
}

export function applyCommandToCrew(s: CrewState | null, p: PendingCommand): CrewState | null {
  if (p.command.type !== 'crew.set_status') return s;
  return reduceCrew(s, predicted(p, { type: 'crew.status_changed' as const, data: p.command.data }));
}
