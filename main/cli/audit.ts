// Checks a data directory's audit trail (docs/audit.md): the hash chain and its head. Opens the
// database read-only, so it runs next to a running console:
//   npm run audit -- verify --data-dir DIR
// prints `audit: OK (N rows)` (exit 0) or `audit: BROKEN at row S: <reason>` (exit 1); bad usage
// or no database: one line on stderr, exit 2.
import { join } from 'node:path';
import { AuditTrail } from '../core/audit';
import { parseFlags } from '../core/config';
import { DB_FILE_NAME, Store } from '../core/db/store';

const USAGE = 'usage: audit verify --data-dir DIR';

function verify(argv: string[]): number {
  const [command, ...rest] = argv;
  const { dataDir } = parseFlags(rest, { '--data-dir': 'dataDir' });
  if (command !== 'verify' || !dataDir) throw new Error(USAGE);
  const store = Store.openReadOnly(join(dataDir, DB_FILE_NAME));
  try {
    // Verifying records nothing: the workstation is never used.
    const result = new AuditTrail(store, '').verify();
    if (result.ok) {
      process.stdout.write(`audit: OK (${result.rows} rows)\n`);
      return 0;
    }
    process.stdout.write(`audit: BROKEN at row ${result.seq}: ${result.reason}\n`);
    return 1;
  } finally {
    store.close();
  }
}

try {
  process.exitCode = verify(process.argv.slice(2));
} catch (err) {
  process.stderr.write(`audit: ${(err as Error).message}\n`);
  process.exitCode = 2;
}
