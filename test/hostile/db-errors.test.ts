// A database the core cannot use — damaged, read-only, full, held by another process — is told to
// people: which file, what happened, what to do; one line at start (not a stack trace), and in the
// link state and the log when applying hub data fails. Real SQLite files and real SqliteErrors.
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureConsoleId } from '../../main/core/config';
import { databaseError, DatabaseError } from '../../main/core/db/errors';
import { DB_FILE_NAME, Store } from '../../main/core/db/store';
import { startCore } from '../../main/core/index';
import { caughtUp, configFor, DISTRICT, memoryLogger, startTestCore, testHub, tmp, TOKEN, waitFor } from '../core/helpers';

const ROOT = resolve(import.meta.dirname, '../..');
const t = tmp('c137-dberr-');
// Root ignores file modes, so as root the read-only cases run the CLI as `nobody`, whose data
// directory (inside the temp dir it can traverse) it owns.
const AS_ROOT = process.getuid?.() === 0;
const NOBODY = 65534;
if (AS_ROOT) chmodSync(t.dir, 0o711);
afterAll(() => t.cleanup());

/** `npm run headless` against dataDir, until it exits: its exit status and stderr lines. */
function headless(dataDir: string, asNobody = false): Promise<{ code: number | null; err: string[] }> {
  const args = ['--import', 'tsx', 'main/cli/headless.ts', '--hub', 'http://127.0.0.1:9', '--district', DISTRICT, '--token', TOKEN, '--data-dir', dataDir];
  const proc = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, C137_USER_DATA_DIR: dataDir },
    ...(asNobody && AS_ROOT ? { uid: NOBODY, gid: NOBODY } : {}),
  });
  const err: string[] = [];
  proc.stderr.on('data', (d: Buffer) => err.push(d.toString()));
  const killer = setTimeout(() => proc.kill('SIGKILL'), 30_000);
  return new Promise((done) =>
    proc.on('exit', (code) => {
      clearTimeout(killer);
      done({ code, err: err.join('').split('\n').filter(Boolean) });
    }),
  );
}

/** A data directory with a migrated database, owned by whoever runs the CLI. */
function dataDirWithDb(name: string): { dir: string; file: string } {
  const dir = t.data(name);
  ensureConsoleId(dir);
  const file = join(dir, DB_FILE_NAME);
  Store.open(file).close();
  if (AS_ROOT) for (const p of [dir, file, join(dir, 'console-id')]) chownSync(p, NOBODY, NOBODY);
  return { dir, file };
}

/** The one line a refused start leaves: names the file, says what to do, no stack frames. */
function expectOneLine(run: { code: number | null; err: string[] }, ...parts: RegExp[]): void {
  expect(run.code).toBe(2);
  expect(run.err, run.err.join('\n')).toHaveLength(1);
  expect(run.err[0]).toMatch(/^headless: /);
  for (const part of parts) expect(run.err[0]).toMatch(part);
}

const escaped = (s: string) => new RegExp(s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));

describe('a database the core cannot use', () => {
  it('damaged: startCore rejects naming the file and what to do, and leaves the file as it was', async () => {
    const dir = t.data('damaged');
    const file = join(dir, DB_FILE_NAME);
    ensureConsoleId(dir);
    const garbage = Buffer.alloc(16_384, 'not sqlite! ');
    writeFileSync(file, garbage);

    const log = memoryLogger();
    const failure = await startCore(configFor('http://127.0.0.1:9', dir), { log }).then(
      () => null,
      (err: unknown) => err,
    );
    expect(failure).toBeInstanceOf(DatabaseError);
    expect((failure as Error).message).toBe(
      `the database ${file} is damaged (SQLITE_NOTADB): restore it from a backup copy, or move it aside to start afresh from the hub`,
    );
    expect(readFileSync(file).equals(garbage)).toBe(true);

    expectOneLine(await headless(dir), escaped(file), /is damaged \(SQLITE_NOTADB\): restore it from a backup copy/);
  });

  it('a read-only database file: headless refuses to start, naming the file and the permission', async () => {
    const { dir, file } = dataDirWithDb('ro-file');
    chmodSync(file, 0o400); // private (so the core leaves its mode alone) and read-only
    const before = readFileSync(file);
    expectOneLine(
      await headless(dir, true),
      escaped(`cannot write ${file} (SQLITE_READONLY)`),
      escaped(`needs read and write permission on it and on its directory ${dir}`),
    );
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('a read-only data directory: headless refuses to start, naming the directory', async () => {
    const { dir } = dataDirWithDb('ro-dir');
    chmodSync(dir, 0o500);
    try {
      expectOneLine(await headless(dir, true), /cannot write .* \((EACCES|SQLITE_\w+)\):/, escaped(`its directory ${dir},`));
    } finally {
      chmodSync(dir, 0o755);
    }
  });

  it('a new data directory that cannot be made: headless refuses to start, naming it', async () => {
    const parent = t.data('ro-parent');
    mkdirSync(parent, { mode: 0o500 });
    if (AS_ROOT) chownSync(parent, NOBODY, NOBODY);
    const dir = join(parent, 'console');
    expectOneLine(await headless(dir, true), escaped(`cannot write ${dir} (EACCES)`), /needs read and write permission/);
    expect(existsSync(dir)).toBe(false);
  });

  it('explains the real errors better-sqlite3 throws, and nothing else', () => {
    const file = join(t.dir, 'real.db');
    const db = new Database(file);
    db.exec('CREATE TABLE t (x BLOB); CREATE UNIQUE INDEX t_x ON t (x)');
    const thrown = (fn: () => unknown) => {
      try {
        fn();
      } catch (err) {
        return err;
      }
      throw new Error('did not throw');
    };

    const readOnly = new Database(file, { readonly: true });
    const ro = databaseError(thrown(() => readOnly.exec("INSERT INTO t VALUES ('a')")), file);
    expect(ro).toMatchObject({ problem: 'read-only', file, code: 'SQLITE_READONLY' });
    readOnly.close();

    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    const full = databaseError(thrown(() => db.prepare('INSERT INTO t VALUES (?)').run(Buffer.alloc(1 << 20))), file);
    expect(full?.message).toBe(`the disk holding ${t.dir} is full (SQLITE_FULL): free space on it`);
    db.pragma('max_page_count = 1073741823');

    db.exec('BEGIN EXCLUSIVE');
    const other = new Database(file, { timeout: 50 });
    const busy = databaseError(thrown(() => other.exec("INSERT INTO t VALUES ('b')")), file);
    expect(busy?.message).toBe(`the database ${file} is held by another process (SQLITE_BUSY): close the other program using ${t.dir}`);
    db.exec('ROLLBACK');

    // Not storage failures: a constraint, a bug. They keep their own message and stack.
    db.exec("INSERT INTO t VALUES ('c')");
    expect(databaseError(thrown(() => db.exec("INSERT INTO t VALUES ('c')")), file)).toBeNull();
    expect(databaseError(new TypeError('x is undefined'), file)).toBeNull();
    other.close();
    db.close();
  });

  it('hub data that cannot be stored (another process holds the database): the link says so, then recovers', async () => {
    const hub = await testHub();
    const dir = t.data('busy');
    const tc = await startTestCore(configFor(hub.url, dir));
    await caughtUp(tc, hub);
    const file = join(dir, DB_FILE_NAME);

    const other = new Database(file);
    other.exec('BEGIN EXCLUSIVE');
    const r = hub.control.createRequest();
    let state;
    try {
      state = await waitFor(() => tc.states.find((s) => s.state === 'reconnecting' && s.error), 'the link to report the failure', 20_000);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    const told = `the database ${file} is held by another process (SQLITE_BUSY): close the other program using ${dir}`;
    expect(state.error!.message).toBe(`cannot store hub data: ${told}`);
    const logged = tc.log.lines.filter((l) => l.includes('sync failed'));
    expect(logged).toEqual([`error sync failed: ${told}`]);

    await caughtUp(tc, hub);
    const asked = Date.now();
    const detail = await tc.core.handlers.queries.requestDetail({ id: r.id }, tc.caller);
    expect(Date.now() - asked).toBeLessThan(2000);
    expect(detail.request.id).toBe(r.id);
  });
});
