// How pressing a request is, for the queue's colours and order. The deadline rules themselves
// (which deadline a request races, when it is overdue) are shared with the core in
// common/domain/deadlines; this adds the "soon" warning and the queue's urgency order.
import type { RequestView } from '../../../common/api/contract';
import { isOverdue, nextDeadline } from '../../../common/domain/deadlines';
import { PRIORITY_RANK } from '../../../common/domain/priority';

export { isOverdue, nextDeadline };
export type Urgency = 'overdue' | 'soon' | 'ok' | 'none';

/** Share of a deadline's window left under which it counts as `soon`. */
const SOON_SHARE = 0.25;

export function isOpen(r: RequestView): boolean {
  return r.status !== 'closed';
}

export function urgencyOf(r: RequestView, now: number): Urgency {
  if (isOverdue(r, now)) return 'overdue';
  const d = nextDeadline(r);
  if (!d) return 'none';
  // The window runs from receipt for the ack deadline, from acknowledgement for the resolve one.
  const start = Date.parse((d.kind === 'resolve' && r.acknowledgedAt) || r.receivedAt);
  return d.at - now < (d.at - start) * SOON_SHARE ? 'soon' : 'ok';
}

interface UrgencyKey {
  group: number;
  due: number;
  priority: number;
  received: number;
  id: string;
}

// Request views are replaced, never mutated, so a key computed once per view stays right; the
// queue re-sorts thousands of rows a few times a second and parsing dates in every comparison
// would dominate that.
const keys = new WeakMap<RequestView, UrgencyKey>();

function urgencyKey(r: RequestView): UrgencyKey {
  let k = keys.get(r);
  if (!k) {
    const d = nextDeadline(r);
    k = {
      group: d ? 0 : r.status === 'resolved' ? 1 : 2,
      due: d ? d.at : 0,
      priority: PRIORITY_RANK[r.priority],
      received: Date.parse(r.receivedAt),
      id: r.id,
    };
    keys.set(r, k);
  }
  return k;
}

/** Racing requests by nearest deadline, then resolved, then closed; priority, then age breaks ties. */
export function compareUrgency(a: RequestView, b: RequestView): number {
  const ka = urgencyKey(a);
  const kb = urgencyKey(b);
  return (
    ka.group - kb.group ||
    ka.due - kb.due ||
    ka.priority - kb.priority ||
    ka.received - kb.received ||
    (ka.id < kb.id ? -1 : ka.id > kb.id ? 1 : 0)
  );
}
