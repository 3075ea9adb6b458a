// Validates one operator command and queues it (with its optimistic effect) in a data
// directory's outbox; the running core, or the next one started, sends it. Prints the commandId.
//   npm run command -- --data-dir DIR --type request.acknowledge --data '{"id":"137-…"}' --operator ID
import { join } from 'node:path';
import { parseFlags } from '../core/config';
import { queueCommand } from '../core/commands';
import { DB_FILE_NAME, Store } from '../core/db/store';
import { createPrivateDir } from '../core/data-dir';

const USAGE = 'usage: command --data-dir DIR --type TYPE --data JSON --operator ID';

function main(): void {
  const f = parseFlags(process.argv.slice(2), {
    '--data-dir': 'dataDir',
    '--type': 'type',
    '--data': 'data',
    '--operator': 'operator',
  });
  const operator = f.operator ?? process.env.C137_OPERATOR;
  if (!f.dataDir || !f.type || !f.data || !operator) throw new Error(USAGE);
  let data: unknown;
  try {
    data = JSON.parse(f.data);
  } catch (err) {
    throw new Error(`--data is not JSON: ${(err as Error).message}`);
  }
  // Private like a core's (citizens' data lands here); the core's lock is not taken: this CLI
  // queues into a running core's outbox through SQLite's own locking.
  createPrivateDir(f.dataDir);
  const store = Store.open(join(f.dataDir, DB_FILE_NAME));
  try {
    const { commandId } = queueCommand(store, { type: f.type, data }, operator);
    process.stdout.write(commandId + '\n');
  } finally {
    store.close();
  }
}

try {
  main();
} catch (err) {
  process.stderr.write(`command: ${(err as Error).message}\n`);
  process.exit(2);
}
