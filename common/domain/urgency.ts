// How pressing a request is: the queue's order and the colour of its countdown, one rule for the
// queue, its rows, the wall and the map (docs/queue.md). A request races one deadline at a time —
// acknowledge while it is not acknowledged, then resolve — over a window that starts when that
// race starts: receipt for the acknowledgement, acknowledgement (receipt if it never was) for the
// resolution. Its colour is the share of that window still left.
import { nextDeadline, type DeadlineFields } from './deadlines';
import { PRIORITY_RANK } from './priority';
import type { Priority } from '../protocol/hub-protocol';

export { isOverdue } from './deadlines';

export interface UrgencyFields extends DeadlineFields {
  id: string;
  priority: Priority;
  receivedAt: string;
}

/** calm: more than half the window left; amber: ≤ 50 %; red: ≤ 15 %; overdue: passed; none: no race left. */
export type UrgencyLevel = 'calm' | 'amber' | 'red' | 'overdue' | 'none';

/** At or below this share of the window left, amber. */
export const AMBER_SHARE = 0.5;
/** At or below this share of the window left, red. */
export const RED_SHARE = 0.15;

export interface DeadlineWindow {
  kind: 'ack' | 'resolve';
  /** Epoch ms the race started and ends. */
  start: number;
  end: number;
}

/** The deadline a request races now, with its window; null once resolved or closed. */
export function deadlineWindow(r: DeadlineFields & { receivedAt: string }): DeadlineWindow | null {
  const d = nextDeadline(r);
  if (!d) return null;
  const start = Date.parse((d.kind === 'resolve' && r.acknowledgedAt) || r.receivedAt);
  return { kind: d.kind, start, end: d.at };
}

export interface Urgency {
  level: UrgencyLevel;
  window: DeadlineWindow | null;
  /** ms to the deadline: negative by how late once passed; null without a deadline. */
  left: number | null;
}

export function levelOf(w: DeadlineWindow, now: number): Exclude<UrgencyLevel, 'none'> {
  const left = w.end - now;
  if (left < 0) return 'overdue';
  const length = w.end - w.start;
  // A window of no length (hub data whose deadline is not after its start) has nothing left.
  const share = length > 0 ? left / length : 0;
  return share <= RED_SHARE ? 'red' : share <= AMBER_SHARE ? 'amber' : 'calm';
}

export function urgencyOf(r: UrgencyFields, now: number): Urgency {
  const window = deadlineWindow(r);
  if (!window) return { level: 'none', window: null, left: null };
  return { level: levelOf(window, now), window, left: window.end - now };
}


interface SortKey {
  group: number;
  due: number;
  priority: number;
  received: number;
}

// Requests are replaced, never mutated, so a key computed once per object stays right; the queue
// re-sorts thousands of rows a few times a second and parsing dates in every comparison would
// dominate that. The key does not depend on the clock: ordering by the deadline's moment is
// ordering by time left, and overdue requests (a moment already past) come first by themselves.
const keys = new WeakMap<UrgencyFields, SortKey>();

function sortKey(r: UrgencyFields): SortKey {
  let k = keys.get(r);
  if (!k) {
    const d = nextDeadline(r);
    k = {
      group: d ? 0 : r.status === 'resolved' ? 1 : 2,
      due: d ? d.at : 0,
      priority: PRIORITY_RANK[r.priority],
      received: Date.parse(r.receivedAt),
    };
    keys.set(r, k);
  }
  return k;
}

/**
 * The queue's order: racing requests by their deadline's moment (the most overdue first, then the
 * least time left), then priority, then the oldest; then resolved, then closed; the id last, so
 * the order is total.
 */
export function compareUrgency(a: UrgencyFields, b: UrgencyFields): number {
  const ka = sortKey(a);
  const kb = sortKey(b);
  return (
    ka.group - kb.group ||
    ka.due - kb.due ||
    ka.priority - kb.priority ||
    ka.received - kb.received ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}
