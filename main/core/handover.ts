// Shift handover (docs/handover.md): the outgoing supervisor's note, with the open requests that
// are overdue at that moment attached by the shared rule (common/domain/urgency), most overdue
// first; the incoming one — another account — acknowledges it once. Notes are listed by day.
import type { RequestView } from '../../common/api/contract';
import { compareUrgency, deadlineWindow, isOverdue } from '../../common/domain/urgency';
import type { Priority, RequestStatus } from '../../common/protocol/hub-protocol';
import type { HandoverRow, Store } from './db/store';

export const HANDOVER_TEXT_MAX = 4000;

export interface OverdueAtHandover {
  id: string;
  category: string;
  priority: Priority;
  status: RequestStatus;
  which: 'ack' | 'resolve';
  /** The passed deadline (ISO). */
  deadline: string;
}

export interface HandoverNote {
  id: number;
  writtenBy: string;
  writtenAt: string;
  text: string;
  overdue: OverdueAtHandover[];
  acknowledgedBy: string | null;
  acknowledgedAt: string | null;
}

export class HandoverError extends Error {
  constructor(
    readonly code: 'invalid' | 'not_found' | 'already_acknowledged' | 'own_note',
    message: string,
  ) {
    super(message);
    this.name = 'HandoverError';
  }
}

const toNote = (r: HandoverRow): HandoverNote => ({ ...r, overdue: r.overdue as OverdueAtHandover[] });

export class Handover {
  constructor(
    private readonly store: Store,
    /** The open requests as the operator sees them (the core's Views). */
    private readonly openRequests: () => RequestView[],
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The open requests overdue at `at`, most overdue first (the queue's order). */
  private overdueAt(at: number): OverdueAtHandover[] {
    return this.openRequests()
      .filter((r) => r.closedAt === null && isOverdue(r, at))
      .sort(compareUrgency)
      .map((r) => {
        const w = deadlineWindow(r)!; // overdue: it races a deadline
        return { id: r.id, category: r.category, priority: r.priority, status: r.status, which: w.kind, deadline: new Date(w.end).toISOString() };
      });
  }

  write(writtenBy: string, text: string): HandoverNote {
    const body = text.trim();
    if (body.length < 1 || body.length > HANDOVER_TEXT_MAX) {
      throw new HandoverError('invalid', `a handover note holds 1 to ${HANDOVER_TEXT_MAX} characters (got ${body.length})`);
    }
    const at = this.now();
    const overdue = this.overdueAt(at.getTime());
    const id = this.store.handover.add(writtenBy, at.toISOString(), body, overdue);
    return toNote(this.store.handover.get(id)!);
  }

  /** The newest unacknowledged note someone else wrote, for `forAccount` to acknowledge. */
  pending(forAccount: string): HandoverNote | null {
    const r = this.store.handover.newestUnacknowledgedNotBy(forAccount);
    return r && toNote(r);
  }

  acknowledge(id: number, by: string): HandoverNote {
    const r = this.store.handover.get(id);
    if (!r) throw new HandoverError('not_found', `no handover note ${id}`);
    if (r.writtenBy === by) throw new HandoverError('own_note', `handover note ${id} is ${by}'s own: another account acknowledges it`);
    if (!this.store.handover.acknowledge(id, by, this.now().toISOString())) {
      throw new HandoverError('already_acknowledged', `handover note ${id} was already acknowledged by ${r.acknowledgedBy}`);
    }
    return toNote(this.store.handover.get(id)!);
  }

  /** Notes written in [fromAt, toAt) (a Tehran day's bounds: common/domain/tehran-day), newest first. */
  list(fromAt: string, toAt: string): HandoverNote[] {
    return this.store.handover.writtenBetween(fromAt, toAt).map(toNote);
  }
}
