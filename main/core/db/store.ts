// The data layer's one entry point; every SQL statement of the core lives under main/core/db.
// A Store is one connection (./connection: opening, the statement cache, the two kinds of
// transaction) plus one typed object per area of the schema, each in its own module holding its
// tables' SQL and row types: events, outbox, requests, duplicates, crews, reference, search,
// audit, handover.
//
// Growing it: a new area (accounts, audit, search, summaries…) is a new module here with its
// class over the Connection, a field below, and its tables in the next numbered file under
// ./migrations (listed last in ./migrations/index.ts). Reads alias columns to fields through a
// Table (./table); a table holding hub-derived state also joins HUB_TABLES (./staging).
import type Database from 'better-sqlite3';
import { AccountStore } from './accounts';
import { AuditStore } from './audit';
import { Connection } from './connection';
import { CrewStore } from './crews';
import { DuplicateStore } from './duplicates';
import { EventStore } from './events';
import { HandoverStore } from './handover';
import { OutboxStore } from './outbox';
import { ReferenceStore } from './reference';
import { RequestStore } from './requests';
import { SearchStore } from './search';
import { adoptStaging, clearHubState, createStaging } from './staging';

export type { AuditFilter, AuditHead, NewAuditRow } from './audit';
export type { FixRow } from './crews';
export type { DuplicatePair, OriginalMatch } from './duplicates';
export type { Meta, StoredEvent } from './events';
export type { HandoverRow } from './handover';
export type { NewOutboxRow, OutboxRow, OutboxState } from './outbox';
export type { ContractorRow } from './reference';

export const DB_FILE_NAME = 'console137.db';

export class Store {
  readonly accounts: AccountStore;
  readonly events: EventStore;
  readonly outbox: OutboxStore;
  readonly requests: RequestStore;
  readonly duplicates: DuplicateStore;
  readonly crews: CrewStore;
  readonly reference: ReferenceStore;
  readonly search: SearchStore;
  readonly audit: AuditStore;
  readonly handover: HandoverStore;

  private constructor(private readonly c: Connection) {
    this.accounts = new AccountStore(c);
    this.events = new EventStore(c);
    this.outbox = new OutboxStore(c);
    this.search = new SearchStore(c);
    this.requests = new RequestStore(c, this.search);
    this.duplicates = new DuplicateStore(c);
    this.crews = new CrewStore(c, this.search);
    this.reference = new ReferenceStore(c);
    this.audit = new AuditStore(c);
    this.handover = new HandoverStore(c);
  }

  /** Open (creating if needed) for writing: WAL, synchronous=FULL, migrated to the latest schema. */
  static open(path: string): Store {
    const store = new Store(Connection.open(path));
    store.duplicates.buildIfMarked();
    return store;
  }

  /** Open an existing database read-only (safe next to a running core thanks to WAL); never migrates. */
  static openReadOnly(path: string): Store {
    return new Store(Connection.openReadOnly(path));
  }

  get db(): Database.Database {
    return this.c.db;
  }

  get path(): string {
    return this.c.path;
  }

  /** One transaction committed with synchronous=FULL (see Connection.tx). */
  tx<T>(fn: () => T): T {
    return this.rolledBackForgotten(() => this.c.tx(fn));
  }

  /** One transaction of re-fetchable hub data, committed without fsync (see Connection.refetchableTx). */
  refetchableTx<T>(fn: () => T): T {
    return this.rolledBackForgotten(() => this.c.refetchableTx(fn));
  }

  /** What an area holds in memory of a transaction that did not commit is read again from the database. */
  private rolledBackForgotten<T>(run: () => T): T {
    try {
      return run();
    } catch (err) {
      this.events.forgetUncommitted();
      throw err;
    }
  }

  checkpoint(mode: 'PASSIVE' | 'TRUNCATE'): void {
    this.c.checkpoint(mode);
  }

  dataVersion(): number {
    return this.c.dataVersion();
  }

  close(): void {
    this.c.close();
  }

  /** Drop all hub-derived state; the outbox and positions stay. */
  clearHubState(): void {
    clearHubState(this.c.db);
    this.search.clear();
    this.duplicates.clear();
  }

  /**
   * Empty copies of the hub-derived tables (TEMP, private to this connection) and a Store view
   * writing to them: a snapshot is built there in many short transactions, then swapped in.
   */
  staging(): Store {
    createStaging(this.c.db);
    return new Store(this.c.stagingView());
  }

  /** Replace the hub-derived tables with the staging copies (call inside a transaction). */
  adoptStaging(): void {
    adoptStaging(this.c.db);
    this.search.rebuild();
    // Found among the snapshot's open requests at once, rather than staged message by message.
    this.duplicates.rebuild();
    this.events.reindexIds();
  }
}
