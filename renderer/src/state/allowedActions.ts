// Which operator actions fit a request's state, so the UI offers only those: the shared lifecycle's
// rules (common/domain/lifecycle), which the hub applies too. The hub still has the last word (it
// answers `conflict`, §5); this only spares the operator a refusal they could foresee.
import type { RequestView } from '../../../common/api/contract';
import { FIELD_STATUSES, isForward, offers, type RequestCommandType } from '../../../common/domain/lifecycle';
import type { FieldStatus } from '../../../common/protocol/hub-protocol';

export type Action = 'acknowledge' | 'assign' | 'unassign' | FieldStatus | 'note' | 'close' | 'transfer';

/** The command each action (but the field statuses, all request.set_status) sends. */
const COMMAND_OF: Record<Exclude<Action, FieldStatus>, RequestCommandType> = {
  acknowledge: 'request.acknowledge',
  assign: 'request.assign',
  unassign: 'request.unassign',
  note: 'request.note',
  close: 'request.close',
  transfer: 'request.transfer',
};

export function allowedActions(r: RequestView): Set<Action> {
  const allowed = new Set<Action>();
  for (const [action, type] of Object.entries(COMMAND_OF) as Array<[Action, RequestCommandType]>) {
    if (offers(r, type)) allowed.add(action);
  }
  if (offers(r, 'request.set_status')) for (const s of FIELD_STATUSES) if (isForward(r.status, s)) allowed.add(s);
  return allowed;
}
