// The data directory holds citizens' names and phones and the install's identity, so it is private
// to the user who runs the console (directory 0700, files 0600, whatever the umask), and one core
// at a time uses it: every host reaches it through startCore, which takes the lock here.
//
// The lock is an SQLite write transaction that is never committed (a RESERVED lock) on
// <dataDir>/console137.lock. SQLite takes it as an OS lock (fcntl on Unix, LockFileEx on Windows)
// that the kernel drops when the process ends, however it ends — a core killed with -9 never
// blocks the next start, and there is no stale-pid guessing. RESERVED still lets others read the
// file, so a refused start can name the holder's pid. The `command` and `state` CLIs do not take
// it: they share the database through SQLite's own locking (docs/sync.md).
import Database from 'better-sqlite3';
import { chmodSync, closeSync, existsSync, fchmodSync, lstatSync, mkdirSync, openSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from './log';

const PRIVATE_DIR_MODE = 0o700;
const PRIVATE_FILE_MODE = 0o600;
const LOCK_FILE_NAME = 'console137.lock';
/** How long the holder's pid record may wait for a reader of the lock file, and a reader for it. */
const LOCK_BUSY_MS = 2000;

export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holderPid: number | null,
  ) {
    super(
      `the data directory ${dataDir} is in use by another Console 137 core` +
        (holderPid === null ? '' : ` (pid ${holderPid})`) +
        ': stop it first, or give this one another data directory',
    );
    this.name = 'DataDirInUseError';
  }
}

const modeOf = (path: string) => statSync(path).mode & 0o777;
const octal = (mode: number) => `0${mode.toString(8)}`;

/** Create `dir` (and missing parents) as 0700; an existing directory is left as it is. */
export function createPrivateDir(dir: string): void {
  if (existsSync(dir)) return;
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  chmodSync(dir, PRIVATE_DIR_MODE); // mkdir's mode passes through the umask
}

/** Create `path` as a new 0600 file holding `content` (fails if it exists). */
export function createPrivateFile(path: string, content = ''): void {
  const fd = openSync(path, 'wx', PRIVATE_FILE_MODE);
  try {
    fchmodSync(fd, PRIVATE_FILE_MODE); // open's mode passes through the umask
    if (content) writeFileSync(fd, content);
  } finally {
    closeSync(fd);
  }
}

/** Held until `release()` or the end of the process. */
export interface DataDirLock {
  release(): void;
}

/**
 * Make the data directory private (created 0700, or tightened with a log line), take its lock, then
 * tighten every file in it that others could read. Throws DataDirInUseError, before anything else
 * in the directory is touched, when another core holds it.
 */
export function openDataDir(dir: string, log: Logger): DataDirLock {
  if (existsSync(dir)) tighten(dir, PRIVATE_DIR_MODE, 'data directory', log);
  else createPrivateDir(dir);
  const lock = lockDataDir(dir);
  try {
    // chmod by path, never open+close: closing any descriptor of the lock file would drop this
    // process's fcntl locks on it.
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (lstatSync(path).isFile()) tighten(path, PRIVATE_FILE_MODE, 'file', log);
    }
  } catch (err) {
    lock.release();
    throw err;
  }
  return lock;
}

function tighten(path: string, mode: number, what: string, log: Logger): void {
  const was = modeOf(path);
  if ((was & ~mode) === 0) return;
  chmodSync(path, mode);
  log.warn(`${what} ${path} was readable by others (${octal(was)}): now ${octal(mode)}`);
}

function lockDataDir(dir: string): DataDirLock {
  const path = join(dir, LOCK_FILE_NAME);
  if (!existsSync(path)) createPrivateFile(path);
  const db = new Database(path, { timeout: LOCK_BUSY_MS });
  try {
    if (!begin(db)) throw new DataDirInUseError(dir, holderOf(db));
    db.exec('CREATE TABLE IF NOT EXISTS holder (pid INTEGER NOT NULL, since TEXT NOT NULL)');
    db.exec('DELETE FROM holder');
    db.prepare('INSERT INTO holder (pid, since) VALUES (?, ?)').run(process.pid, new Date().toISOString());
    db.exec('COMMIT');
    // The record is readable only once committed; another start may slip in before this second
    // BEGIN, and then exactly one of the two gets the lock (the record may still be ours).
    if (!begin(db)) {
      const pid = holderOf(db);
      throw new DataDirInUseError(dir, pid === process.pid ? null : pid);
    }
  } catch (err) {
    db.close();
    throw err;
  }
  return {
    release: () => {
      if (db.open) db.close(); // closing rolls the open transaction back and drops the lock
    },
  };
}

/** BEGIN IMMEDIATE without waiting: false when another connection holds the write lock. */
function begin(db: Database.Database): boolean {
  db.pragma('busy_timeout = 0');
  try {
    db.exec('BEGIN IMMEDIATE');
    return true;
  } catch (err) {
    if ((err as { code?: string }).code === 'SQLITE_BUSY') return false;
    throw err;
  } finally {
    db.pragma(`busy_timeout = ${LOCK_BUSY_MS}`);
  }
}

function holderOf(db: Database.Database): number | null {
  try {
    const row = db.prepare('SELECT pid FROM holder').get() as { pid: number } | undefined;
    return row?.pid ?? null;
  } catch {
    return null; // the holder has not recorded itself yet
  }
}
