// Runs the core without a UI until SIGTERM/SIGINT:
//   npm run headless -- --hub URL --district ID --token TOKEN --data-dir DIR [--operator ID]
// stdout carries status lines for scripts: `core ready`, `core live lastSeq=N` (each time the
// console has caught up), `core stopped code=C` (a final refusal by the hub: exit status 3).
// Logs go to stderr. The outbox stays intact in the data directory. Exit status 2 with a one-line
// reason on bad settings, when another core holds the data directory, or when its database is
// damaged, read-only or on a full disk.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../core/config';
import { DataDirInUseError } from '../core/data-dir';
import { DatabaseError } from '../core/db/errors';
import { startCore } from '../core/index';

const userDataDir = process.env.C137_USER_DATA_DIR ?? join(homedir(), '.config', 'Console 137');

async function main(): Promise<void> {
  const config = loadConfig({ argv: process.argv.slice(2), env: process.env, userDataDir });
  const core = await startCore(config);
  let wasLive = false;
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await core.close();
    process.exit(code);
  };
  core.onLinkState((s) => {
    if (s.state === 'live' && !wasLive) process.stdout.write(`core live lastSeq=${s.lastSeq}\n`);
    wasLive = s.state === 'live';
    if (s.state === 'stopped') {
      process.stdout.write(`core stopped code=${s.error?.code ?? 'unknown'}\n`);
      void stop(3);
    }
  });
  process.on('SIGTERM', () => void stop(0));
  process.on('SIGINT', () => void stop(0));
  process.stdout.write('core ready\n');
}

main().catch((err) => {
  const refusal = err instanceof ConfigError || err instanceof DataDirInUseError || err instanceof DatabaseError;
  process.stderr.write(`headless: ${refusal ? err.message : (err as Error).stack ?? err}\n`);
  process.exit(2);
});
