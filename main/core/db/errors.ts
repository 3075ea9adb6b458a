// Storage failures told to people: which file, what happened, what to do. better-sqlite3 throws
// SqliteErrors with SQLite's (extended) result code and Node throws errno errors; both say little
// to an operator ("file is not a database", "internal error"). Where the core opens its database
// and where it applies hub data, such an error becomes a DatabaseError: one line for the start-up
// error (headless, the demo, Electron's error box) and the link state.
import { dirname } from 'node:path';

export type DatabaseProblem = 'damaged' | 'read-only' | 'full' | 'busy' | 'io';

export class DatabaseError extends Error {
  constructor(
    readonly problem: DatabaseProblem,
    /** The file (or directory) concerned. */
    readonly file: string,
    /** SQLite's result code or Node's errno code. */
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'DatabaseError';
  }
}

// By prefix: SQLite reports extended codes (SQLITE_READONLY_DIRECTORY, SQLITE_IOERR_WRITE…).
// Node's codes are those of the mkdir and file calls around the database.
const PROBLEMS: Array<[DatabaseProblem, RegExp]> = [
  ['damaged', /^SQLITE_(CORRUPT|NOTADB)/],
  ['full', /^(SQLITE_FULL|ENOSPC|EDQUOT)$/],
  ['read-only', /^(SQLITE_(READONLY|CANTOPEN|PERM|AUTH)|EACCES$|EPERM$|EROFS$)/],
  ['busy', /^SQLITE_(BUSY|LOCKED)/],
  ['io', /^(SQLITE_IOERR|EIO$)/],
];

/** What happened and what to do, for the file (and its directory). */
const TOLD: Record<DatabaseProblem, (file: string, dir: string) => [string, string]> = {
  damaged: (file) => [`the database ${file} is damaged`, 'restore it from a backup copy, or move it aside to start afresh from the hub'],
  'read-only': (file, dir) => [
    `cannot write ${file}`,
    `the user running Console 137 needs read and write permission on it and on its directory ${dir}, on a file system mounted read-write`,
  ],
  full: (_file, dir) => [`the disk holding ${dir} is full`, 'free space on it'],
  busy: (file, dir) => [`the database ${file} is held by another process`, `close the other program using ${dir}`],
  io: (file) => [`the database ${file} could not be read or written`, 'check the disk it is on'],
};

/**
 * `err` explained, when it is a storage failure of the database `file` (already explained errors
 * pass through); null for anything else — a bug keeps its own message and stack.
 */
export function databaseError(err: unknown, file: string): DatabaseError | null {
  if (err instanceof DatabaseError) return err;
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  const problem = PROBLEMS.find(([, pattern]) => pattern.test(code))?.[0];
  if (!problem) return null;
  // A Node error names the path it failed on (the data directory when mkdir fails).
  const at = (err as NodeJS.ErrnoException).path ?? file;
  const [what, todo] = TOLD[problem](at, dirname(at));
  return new DatabaseError(problem, at, code, `${what} (${code}): ${todo}`);
}

/** fn's result; a storage failure of `file` it throws comes out explained. */
export function withDatabaseErrors<T>(file: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw databaseError(err, file) ?? err;
  }
}
