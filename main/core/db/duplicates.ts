// Likely duplicates (derived from the requests, so not staged with a snapshot but rebuilt after
// it, and cleared with the hub state): the pairs the rule of
// common/domain/duplicates found when a request arrived or changed, and the lookup of a request's
// candidates. A pair stays when either side closes; readers count only open originals, so closing
// one drops the badge and reopening it brings it back.
import { bestMatchFirst, candidateArea, duplicateMatch, type DuplicateMatch, type DuplicateSubject } from '../../../common/domain/duplicates';
import type { Connection } from './connection';
import { Table } from './table';

export interface DuplicatePair extends DuplicateMatch {
  duplicateId: string;
  originalId: string;
}

/** An open request the subject is a likely duplicate of, and how it matches. */
export interface OriginalMatch extends DuplicateMatch {
  id: string;
}

const SUBJECTS = new Table<DuplicateSubject>('requests', {
  id: 'id',
  category: 'category',
  lon: 'lon',
  lat: 'lat',
  description: 'description',
  address: 'address',
  receivedAt: 'received_at',
  closedAt: 'closed_at',
});
const PAIRS = new Table<DuplicatePair>('duplicates', {
  duplicateId: 'duplicate_id',
  originalId: 'original_id',
  meters: 'meters',
  similarity: 'similarity',
});
// The terms of the partial index requests_open_by_place, in its column order.
const IN_AREA = `${SUBJECTS.select} WHERE closed_at IS NULL AND category = ? AND lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?
  AND received_at BETWEEN ? AND ?`;
const PUT_PAIR = 'INSERT OR REPLACE INTO duplicates (duplicate_id, original_id, meters, similarity) VALUES (?, ?, ?, ?)';
// A JSON array of ids as one parameter: a batch of any size is one statement.
const IDS = 'SELECT value FROM json_each(?)';
const TO_BUILD = 'duplicatesToBuild';

export class DuplicateStore {
  constructor(private readonly c: Connection) {}

  private inArea(s: DuplicateSubject, later: boolean): DuplicateSubject[] {
    const a = candidateArea(s, later);
    return SUBJECTS.all(this.c.st(IN_AREA).all(a.category, a.minLat, a.maxLat, a.minLon, a.maxLon, a.fromReceivedAt, a.toReceivedAt));
  }

  /** The open requests `s` is a likely duplicate of, best match first (`s` need not be stored). */
  originalsFor(s: DuplicateSubject): OriginalMatch[] {
    const out: OriginalMatch[] = [];
    for (const c of this.inArea(s, false)) {
      const m = duplicateMatch(s, c);
      if (m) out.push({ id: c.id, ...m });
    }
    return out.sort(bestMatchFirst);
  }

  /**
   * Find again the pairs of these requests (just arrived, changed or reopened; as stored in this
   * transaction), both ways: a request can arrive after a later-received one it is the original
   * of. Returns the other requests whose pairs changed (their badge may have).
   */
  refresh(requests: Iterable<DuplicateSubject>): Set<string> {
    const touched = new Set<string>();
    for (const s of requests) {
      for (const id of this.c.st('DELETE FROM duplicates WHERE duplicate_id = ? RETURNING original_id').pluck().all(s.id) as string[]) touched.add(id);
      for (const id of this.c.st('DELETE FROM duplicates WHERE original_id = ? RETURNING duplicate_id').pluck().all(s.id) as string[]) touched.add(id);
      if (s.closedAt !== null) continue;
      for (const c of this.inArea(s, true)) {
        const asDuplicate = duplicateMatch(s, c);
        const asOriginal = asDuplicate ? null : duplicateMatch(c, s);
        if (asDuplicate) this.put(s.id, c.id, asDuplicate);
        else if (asOriginal) this.put(c.id, s.id, asOriginal);
        else continue;
        touched.add(c.id);
      }
    }
    return touched;
  }

  /** All pairs found again among the open requests (after a snapshot, or once after the upgrade). */
  rebuild(): void {
    this.clear();
    for (const s of SUBJECTS.all(this.c.st(`${SUBJECTS.select} WHERE closed_at IS NULL`).all())) {
      for (const o of this.originalsFor(s)) this.put(s.id, o.id, o);
    }
  }

  /** With the rest of the hub-derived state. */
  clear(): void {
    this.c.st('DELETE FROM duplicates').run();
  }

  /** Build the pairs once for a database upgraded with requests in it (migration 7 marks it). */
  buildIfMarked(): void {
    if (!this.c.st('SELECT 1 FROM meta WHERE key = ?').get(TO_BUILD)) return;
    this.c.tx(() => {
      this.rebuild();
      this.c.st('DELETE FROM meta WHERE key = ?').run(TO_BUILD);
    });
  }

  private put(duplicateId: string, originalId: string, m: DuplicateMatch): void {
    this.c.st(PUT_PAIR).run(duplicateId, originalId, m.meters, m.similarity);
  }

  /** The stored pairs naming these requests as the duplicate, whatever the originals' status. */
  originalsOf(duplicateIds: readonly string[]): DuplicatePair[] {
    if (!duplicateIds.length) return [];
    return PAIRS.all(this.c.st(`${PAIRS.select} WHERE duplicate_id IN (${IDS})`).all(JSON.stringify(duplicateIds)));
  }

  /** The open requests naming one of these as their original (its status changes their badge). */
  duplicatesOf(originalIds: readonly string[]): string[] {
    if (!originalIds.length) return [];
    return this.c
      .st(`SELECT DISTINCT duplicate_id FROM duplicates WHERE original_id IN (${IDS})
        AND duplicate_id IN (SELECT id FROM requests WHERE closed_at IS NULL)`)
      .pluck()
      .all(JSON.stringify(originalIds)) as string[];
  }

  /** Every pair whose duplicate is open (what the queue's badges are counted from). */
  ofOpenRequests(): DuplicatePair[] {
    return PAIRS.all(this.c.st(`${PAIRS.select} WHERE duplicate_id IN (SELECT id FROM requests WHERE closed_at IS NULL)`).all());
  }
}
