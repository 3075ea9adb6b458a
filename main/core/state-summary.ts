// The hub-derived state of a data directory in the compact form the `state` CLI prints (and the
// convergence tests compare with the hub's own summary). Read in one read transaction so it is
// consistent even while a core is committing next to it.
import { join } from 'node:path';
import { DB_FILE_NAME, Store } from './db/store';

export interface StateSummary {
  lastSeq: number;
  hubId: string | null;
  requests: { id: string; status: string; priority: string; category: string; crewId: string | null }[];
  crews: { id: string; status: string; lon: number | null; lat: number | null; fixAt: string | null }[];
  outboxPending: number;
  rejectedEvents: number;
  /** Crew fixes refused as impossible (dated after the hub's clock), a running total. */
  rejectedFixes: number;
}

function summariseStore(store: Store): StateSummary {
  return store.tx(() => {
    const meta = store.events.meta();
    const fixes = new Map(store.crews.positions().map((f) => [f.crewId, f]));
    return {
      lastSeq: meta.lastSeq,
      hubId: meta.hubId,
      requests: store.requests.all().map(({ id, status, priority, category, crewId }) => ({ id, status, priority, category, crewId })),
      crews: store.crews.all().map(({ id, status }) => {
        const f = fixes.get(id);
        return { id, status, lon: f?.lon ?? null, lat: f?.lat ?? null, fixAt: f?.at ?? null };
      }),
      outboxPending: store.outbox.pendingCount(),
      rejectedEvents: meta.rejectedEvents,
      rejectedFixes: store.crews.rejectedFixes(),
    };
  });
}

/** Open the data directory read-only, summarise it, close it. */
export function summariseDataDir(dataDir: string): StateSummary {
  const store = Store.openReadOnly(join(dataDir, DB_FILE_NAME));
  try {
    return summariseStore(store);
  } finally {
    store.close();
  }
}
