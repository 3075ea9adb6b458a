// Prints the hub-derived state of a data directory as ONE JSON object, requests and crews sorted
// by id (optimistic overlays are not included). Opens the database read-only, so it works next
// to a running core:
//   npm run state -- --data-dir DIR
import { parseFlags } from '../core/config';
import { summariseDataDir } from '../core/state-summary';

try {
  const { dataDir } = parseFlags(process.argv.slice(2), { '--data-dir': 'dataDir' });
  if (!dataDir) throw new Error('usage: state --data-dir DIR');
  process.stdout.write(JSON.stringify(summariseDataDir(dataDir)) + '\n');
} catch (err) {
  process.stderr.write(`state: ${(err as Error).message}\n`);
  process.exit(2);
}
