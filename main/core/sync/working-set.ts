// The rows one transaction of events touches, read at most once and written once at the end
// (still inside the transaction, before the cursor moves): a request that gets five events in a
// message costs one read and one write instead of five of each, and the message's events go to
// the log in a few multi-row INSERTs. Nothing else runs between the reads and the write-back, so
// the cached rows cannot go stale.
import type { Store, StoredEvent } from '../db/store';
import type { CrewState } from '../domain/crew';
import type { RequestState } from '../domain/request';

export class WorkingSet {
  private readonly requests = new Map<string, RequestState | null>();
  private readonly crews = new Map<string, CrewState | null>();
  private readonly dirtyRequests = new Set<string>();
  private readonly dirtyCrews = new Set<string>();
  private readonly duplicateChecks = new Set<string>();
  private readonly events: StoredEvent[] = [];

  constructor(readonly store: Store) {}

  request(id: string): RequestState | null {
    let r = this.requests.get(id);
    if (r === undefined) this.requests.set(id, (r = this.store.requests.get(id)));
    return r;
  }

  putRequest(r: RequestState): void {
    this.requests.set(r.id, r);
    this.dirtyRequests.add(r.id);
  }

  /** This request's likely duplicates are to be found again (see common/domain/duplicates). */
  checkDuplicates(id: string): void {
    this.duplicateChecks.add(id);
  }

  /** The requests to check, as this transaction leaves them. */
  duplicateSubjects(): RequestState[] {
    return [...this.duplicateChecks].map((id) => this.requests.get(id)!);
  }

  crew(id: string): CrewState | null {
    let c = this.crews.get(id);
    if (c === undefined) this.crews.set(id, (c = this.store.crews.get(id)));
    return c;
  }

  putCrew(c: CrewState): void {
    this.crews.set(c.id, c);
    this.dirtyCrews.add(c.id);
  }

  deleteCrew(id: string): void {
    this.crews.set(id, null);
    this.dirtyCrews.add(id);
  }

  insertEvent(e: StoredEvent): void {
    this.events.push(e);
  }

  /** Write the log and every changed row; call once, inside the transaction. */
  flush(): void {
    const { events, requests, crews } = this.store;
    events.append(this.events);
    for (const id of this.dirtyRequests) requests.put(this.requests.get(id)!); // requests are never deleted
    for (const id of this.dirtyCrews) {
      const c = this.crews.get(id)!;
      if (c) crews.put(c);
      else crews.delete(id);
    }
  }
}
