// `npm run audit -- verify` as a real process over a real data directory.
import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { AuditTrail } from '../../main/core/audit';
import { DB_FILE_NAME, Store } from '../../main/core/db/store';
import { tmp } from './helpers';

const ROOT = resolve(import.meta.dirname, '../..');
const t = tmp('c137-audit-cli-');
afterAll(() => t.cleanup());

/** Exit code, stdout and stderr of the CLI, run as the npm script runs it. */
async function audit(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'main/cli/audit.ts', ...args], { cwd: ROOT });
    return { code: 0, out: stdout, err: stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, out: x.stdout, err: x.stderr };
  }
}

/** A data directory whose trail holds `rows` rows, its store left open like a running console's. */
function dataDir(name: string, rows: number): { dir: string; store: Store } {
  const dir = t.data(name);
  mkdirSync(dir);
  const store = Store.open(join(dir, DB_FILE_NAME));
  const trail = new AuditTrail(store, 'ws-1', () => new Date('2026-12-03T08:00:00.000Z'));
  for (let i = 0; i < rows; i++) trail.record({ accountId: 'acc-1', session: 's1', action: 'command_submitted', detail: { commandId: `c${i}`, type: 'request.note' } });
  return { dir, store };
}

describe('audit CLI', () => {
  it('prints OK with the row count, next to a console holding the database open', async () => {
    const empty = dataDir('empty', 0);
    expect(await audit('verify', '--data-dir', empty.dir)).toEqual({ code: 0, out: 'audit: OK (0 rows)\n', err: '' });
    const { dir, store } = dataDir('fresh', 4);
    expect(await audit('verify', '--data-dir', dir)).toEqual({ code: 0, out: 'audit: OK (4 rows)\n', err: '' });
    store.close();
    empty.store.close();
  });

  it('exits 1 naming the row changed by direct SQL', async () => {
    const { dir, store } = dataDir('changed', 5);
    store.close();
    const db = new Database(join(dir, DB_FILE_NAME));
    db.exec('DROP TRIGGER audit_no_update');
    db.prepare(`UPDATE audit SET detail = '{"commandId":"c9","type":"request.note"}' WHERE seq = 2`).run();
    db.close();
    const r = await audit('verify', '--data-dir', dir);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^audit: BROKEN at row 2: .*changed.*\n$/);
  });

  it('exits 2 with one line on stderr for bad usage or a missing database', async () => {
    for (const args of [[], ['check', '--data-dir', t.dir], ['verify'], ['verify', '--data-dir'], ['verify', '--data-dir', join(t.dir, 'none')]]) {
      const r = await audit(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toMatch(/^audit: (usage: audit verify --data-dir DIR|--data-dir needs a value|no Console 137 database at .*)\n$/);
    }
  });
});
