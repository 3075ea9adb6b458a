// Which operator actions fit a request's state, so the UI offers only those. The hub has the last
// word (it answers `conflict`, §5); this only spares the operator a refusal they could foresee.
import type { RequestView } from '../../../common/api/contract';
import type { FieldStatus } from '../../../common/protocol/hub-protocol';

export type Action = 'acknowledge' | 'assign' | 'unassign' | FieldStatus | 'note' | 'close' | 'transfer';

const FIELD_ORDER: RequestView['status'][] = ['assigned', 'en_route', 'on_site', 'resolved'];
const FIELD_STEPS = ['en_route', 'on_site', 'resolved'] as const;

export function allowedActions(r: RequestView): Set<Action> {
  const open = r.status !== 'closed';
  const allowed = new Set<Action>(['note']); // notes are accepted even on closed requests
  if (r.status === 'new') allowed.add('acknowledge');
  if (open && r.status !== 'resolved') allowed.add('assign');
  if (open && r.crewId && r.status !== 'resolved') allowed.add('unassign');
  // Field statuses only move forward, and only with a crew.
  const step = FIELD_ORDER.indexOf(r.status);
  if (r.crewId && step >= 0) FIELD_STEPS.forEach((s, i) => step <= i && allowed.add(s));
  if (open) allowed.add('close').add('transfer');
  return allowed;
}
