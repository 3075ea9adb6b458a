// How pressing a request is, for the queue's colours and order. The deadline rules themselves
// (which deadline a request races, when it is overdue) are shared with the core in
// common/domain/deadlines; this adds the "soon" warning and the queue's urgency order.
import type { RequestView } from '../../../common/api/contract';
import { isOverdue, nextDeadline } from '../../../common/domain/deadlines';

export { isOverdue, nextDeadline };
export type Urgency = 'overdue' | 'soon' | 'ok' | 'none';

/** Share of a deadline's window left under which it counts as `soon`. */
const SOON_SHARE = 0.25;
const PRIORITY_RANK = { urgent: 0, high: 1, normal: 2, low: 3 } as const;

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

/** Racing requests by nearest deadline, then resolved, then closed; priority, then age breaks ties. */
export function compareUrgency(a: RequestView, b: RequestView): number {
  const da = nextDeadline(a);
  const db = nextDeadline(b);
  const group = (r: RequestView, d: unknown) => (d ? 0 : r.status === 'resolved' ? 1 : 2);
  return (
    group(a, da) - group(b, db) ||
    (da && db ? da.at - db.at : 0) ||
    PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] ||
    Date.parse(a.receivedAt) - Date.parse(b.receivedAt) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}
