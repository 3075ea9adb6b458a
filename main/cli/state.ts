// Prints the hub-derived state of a data directory as ONE JSON object (optimistic overlays are
// not included), reading it read-only so it works next to a running core:
//   npm run state -- --data-dir DIR
import { join } from 'node:path';
import { parseFlags } from '../core/config';
import { DB_FILE_NAME, Store } from '../core/db/store';

function main(): void {
  const { dataDir } = parseFlags(process.argv.slice(2), { '--data-dir': 'dataDir' });
  if (!dataDir) throw new Error('usage: state --data-dir DIR');
  const store = Store.openReadOnly(join(dataDir, DB_FILE_NAME));
  try {
    // One read transaction: a consistent view even while the core commits.
    const out = store.tx(() => {
      const meta = store.meta();
      const fixes = new Map(store.positions().map((f) => [f.crewId, f]));
      return {
        lastSeq: meta.lastSeq,
        hubId: meta.hubId,
        requests: store.allRequests().map(({ id, status, priority, category, crewId }) => ({ id, status, priority, category, crewId })),
        crews: store.crews().map(({ id, status }) => {
          const f = fixes.get(id);
          return { id, status, lon: f?.lon ?? null, lat: f?.lat ?? null, fixAt: f?.at ?? null };
        }),
        outboxPending: store.pendingCount(),
        rejectedEvents: meta.rejectedEvents,
      };
    });
    process.stdout.write(JSON.stringify(out) + '\n');
  } finally {
    store.close();
  }
}

try {
  main();
} catch (err) {
  process.stderr.write(`state: ${(err as Error).message}\n`);
  process.exit(2);
}
