// Service-level deadlines of a request as the room watches them: a new request races its
// acknowledge deadline, an acknowledged one its resolve deadline; resolved or closed ones race
// nothing. The queue is ordered by that deadline so overdue work floats to the top.
import type { RequestView } from '../../../common/api/contract';

export type DeadlineKind = 'ack' | 'resolve';
export type Urgency = 'overdue' | 'soon' | 'ok' | 'none';

export interface Deadline {
  kind: DeadlineKind;
  dueMs: number;
  /** When the race started (received, or acknowledged for the resolve deadline). */
  startMs: number;
}

/** Share of a deadline's window left under which it counts as `soon`. */
const SOON_SHARE = 0.25;
const PRIORITY_RANK = { urgent: 0, high: 1, normal: 2, low: 3 } as const;

export function isOpen(r: RequestView): boolean {
  return r.status !== 'closed';
}

export function activeDeadline(r: RequestView): Deadline | null {
  if (r.status === 'new') return { kind: 'ack', dueMs: Date.parse(r.ackDueAt), startMs: Date.parse(r.receivedAt) };
  if (r.status === 'resolved' || r.status === 'closed') return null;
  return {
    kind: 'resolve',
    dueMs: Date.parse(r.resolveDueAt),
    startMs: Date.parse(r.acknowledgedAt ?? r.receivedAt),
  };
}

export function urgencyOf(r: RequestView, now: number): Urgency {
  const d = activeDeadline(r);
  if (!d) return 'none';
  const left = d.dueMs - now;
  if (left < 0) return 'overdue';
  return left < (d.dueMs - d.startMs) * SOON_SHARE ? 'soon' : 'ok';
}

export function isOverdue(r: RequestView, now: number): boolean {
  return urgencyOf(r, now) === 'overdue';
}

/** Racing requests by nearest deadline, then resolved, then closed; priority, then age breaks ties. */
export function compareUrgency(a: RequestView, b: RequestView): number {
  const da = activeDeadline(a);
  const db = activeDeadline(b);
  const group = (r: RequestView, d: Deadline | null) => (d ? 0 : r.status === 'resolved' ? 1 : 2);
  return (
    group(a, da) - group(b, db) ||
    (da && db ? da.dueMs - db.dueMs : 0) ||
    PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] ||
    Date.parse(a.receivedAt) - Date.parse(b.receivedAt) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}
