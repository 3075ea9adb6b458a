// Since when each crew has held its status, from the event log: the crew events folded in order
// (domain/crew foldStatusMark). The fold follows the log's tail — each read folds only the events
// appended since the last one (a primary-key range), so bootstrap and live batches cost two small
// statements; the whole log is read once, at the first read. A log replaced by a snapshot (the
// event at the last folded rowid is no longer the one folded) is folded again from the start.
import type { CrewStatus } from '../../common/protocol/hub-protocol';
import type { EventStore } from './db/events';
import { foldStatusMark, type StatusMark } from './domain/crew';

export class StatusClock {
  private marks = new Map<string, StatusMark>();
  private upTo = 0;
  private idAtUpTo: string | null = null;

  constructor(private readonly events: EventStore) {}

  /** When the crew took `status`, or null when the log does not say (it holds another status). */
  since(crewId: string, status: CrewStatus): string | null {
    const m = this.marks.get(crewId);
    return m && m.status === status ? m.since : null;
  }

  /** Fold what the log gained since the last call; call once before a run of `since`. */
  catchUp(): void {
    if (this.upTo && this.events.idAt(this.upTo) !== this.idAtUpTo) {
      this.marks = new Map();
      this.upTo = 0;
    }
    for (const e of this.events.crewEventsAfter(this.upTo)) {
      const m = foldStatusMark(this.marks.get(e.crewId), { type: e.type, at: e.at, status: e.status as CrewStatus | null });
      if (m) this.marks.set(e.crewId, m);
      else this.marks.delete(e.crewId);
      this.upTo = e.rowid;
      this.idAtUpTo = e.id;
    }
  }
}
