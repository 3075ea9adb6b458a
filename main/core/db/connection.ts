// One SQLite connection: how it is opened, its statement cache and its two kinds of transaction.
// Writers open with migrations; readers (the `state` CLI, running next to a live core) open
// read-only and never migrate.
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { createPrivateFile } from '../data-dir';
import { withDatabaseErrors } from './errors';
import { migrate, schemaVersion, SchemaVersionError, SCHEMA_VERSION } from './migrate';
import { stagingSql } from './staging';

export class Connection {
  private readonly statements = new Map<string, Database.Statement>();

  private constructor(
    readonly db: Database.Database,
    readonly path: string,
    /** A staging view: hub-derived statements address the TEMP copies a snapshot is built in. */
    readonly isStaging = false,
  ) {}

  /**
   * Open (creating if needed) for writing: WAL, synchronous=FULL, migrated to the latest schema. A
   * new database is created 0600 first: SQLite would make it 0644, and it gives its -wal and -shm
   * the database file's mode.
   */
  static open(path: string): Connection {
    return withDatabaseErrors(path, () => Connection.openForWriting(path));
  }

  private static openForWriting(path: string): Connection {
    if (!existsSync(path)) createPrivateFile(path);
    const db = new Database(path, { timeout: 5000 });
    try {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      // 16 MiB of page cache (default 2 MiB): a replay keeps the hot request rows and the
      // log's index pages in memory instead of re-reading them from the WAL.
      db.pragma('cache_size = -16000');
      migrate(db);
      // SQLite quietly opens a file it may read but not write read-only: a write that changes
      // nothing (no page, no WAL frame) finds that out now rather than at the first real write.
      db.exec('DELETE FROM meta WHERE 0');
    } catch (err) {
      db.close();
      throw err;
    }
    return new Connection(db, path);
  }

  /** Open an existing database read-only (safe next to a running core thanks to WAL). */
  static openReadOnly(path: string): Connection {
    if (!existsSync(path)) throw new Error(`no Console 137 database at ${path}`);
    const db = new Database(path, { readonly: true, fileMustExist: true, timeout: 5000 });
    const v = schemaVersion(db);
    if (v !== SCHEMA_VERSION) {
      db.close();
      if (v > SCHEMA_VERSION) throw new SchemaVersionError(v, SCHEMA_VERSION);
      throw new Error(`the database is at schema version ${v}, older than ${SCHEMA_VERSION}; start the core once to migrate it`);
    }
    return new Connection(db, path);
  }

  /** The same database seen through its staging tables, with a statement cache of its own. */
  stagingView(): Connection {
    return new Connection(this.db, this.path, true);
  }

  /** The statement for `sql`, prepared on first use and cached for the connection's life. */
  st(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(this.isStaging ? stagingSql(sql) : sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  /** Run fn in one transaction (nested calls become savepoints), committed with synchronous=FULL. */
  tx<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  /**
   * Run fn in one transaction that only writes what the hub can send again — its events, their
   * effects and the cursor (lastSeq) that says how far we got — committed with
   * synchronous=NORMAL: no fsync. In WAL mode it is still atomic and survives a crash of the
   * process; only a power loss can drop such transactions, always the newest ones and their
   * lastSeq with them, so the console resumes from an older lastSeq and fetches them again. The
   * next FULL commit (every outbox write) syncs all WAL frames before it. See docs/sync.md.
   */
  refetchableTx<T>(fn: () => T): T {
    if (this.db.inTransaction) return this.tx(fn);
    this.db.pragma('synchronous = NORMAL');
    try {
      return this.tx(fn);
    } finally {
      this.db.pragma('synchronous = FULL');
    }
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  checkpoint(mode: 'PASSIVE' | 'TRUNCATE'): void {
    this.db.pragma(`wal_checkpoint(${mode})`);
  }

  /** Changes whenever another connection commits (used to notice commands queued by the CLI). */
  dataVersion(): number {
    return this.db.pragma('data_version', { simple: true }) as number;
  }
}
