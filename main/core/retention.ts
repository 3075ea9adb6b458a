// Retention of citizens' personal data (§7; docs/retention.md): every copy of the name and phone
// of requests closed before the cutoff is erased from the database in one transaction — the
// request row, its request.created events, its search index row, the settled command that
// created it — plus the raw text of events rejected before the cutoff.
import { retentionCutoff } from '../../common/domain/retention';
import type { Store } from './db/store';
import type { Logger } from './log';

/** Erase; returns how many requests still had a name or phone somewhere (0 on a second run). */
export function erasePersonalData(store: Store, closedBefore: string): number {
  return store.tx(() => {
    // Read before the request rows lose theirs: each store finds its rows through closed_at only.
    const ids = new Set([
      ...store.events.erasePersonalData(closedBefore),
      ...store.search.erasePersonalData(closedBefore),
      ...store.requests.erasePersonalData(closedBefore),
    ]);
    store.outbox.erasePersonalData(closedBefore);
    store.events.eraseRejectedRaw(closedBefore);
    return ids.size;
  });
}

/** One retention run: erase what is older than `days` and log the count (never the data). */
export function runRetention(store: Store, days: number, log: Logger, now: Date = new Date()): number {
  const cutoff = retentionCutoff(now, days);
  const n = erasePersonalData(store, cutoff);
  log.info(`retention: erased personal data of ${n} requests closed before ${cutoff}`);
  return n;
}
