// Service-level deadlines (§3.1 NewRequest.ackDueAt / resolveDueAt), shared by hub, core and UI.
import type { Category, RequestStatus } from '../protocol/hub-protocol';

const addMinutes = (iso: string, m: number) => new Date(Date.parse(iso) + m * 60_000).toISOString();

/** The deadlines the hub sets from the category; the console shows a request it creates with the same. */
export function deadlinesFor(
  cat: Pick<Category, 'ackMinutes' | 'resolveMinutes'>,
  receivedAt: string,
): { ackDueAt: string; resolveDueAt: string } {
  return { ackDueAt: addMinutes(receivedAt, cat.ackMinutes), resolveDueAt: addMinutes(receivedAt, cat.resolveMinutes) };
}

export interface DeadlineFields {
  status: RequestStatus;
  acknowledgedAt: string | null;
  ackDueAt: string;
  resolveDueAt: string;
}

/** The deadline it races now (nextDeadline) has passed: the queue's, wall's and map's overdue. */
export function isOverdue(r: DeadlineFields, now: number): boolean {
  const d = nextDeadline(r);
  return d !== null && now > d.at;
}

/** The next deadline still to meet (epoch ms), or null when none is left. */
export function nextDeadline(r: DeadlineFields): { kind: 'ack' | 'resolve'; at: number } | null {
  if (r.status === 'closed') return null;
  if (r.acknowledgedAt === null) return { kind: 'ack', at: Date.parse(r.ackDueAt) };
  if (r.status === 'resolved') return null;
  return { kind: 'resolve', at: Date.parse(r.resolveDueAt) };
}
