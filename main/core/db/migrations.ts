// Numbered schema migrations, tracked in PRAGMA user_version: migration i (0-based) takes the
// database from version i to i+1, each in its own transaction. Never edit a shipped migration;
// append a new one.
import type Database from 'better-sqlite3';

export const MIGRATIONS: readonly string[] = [
  // 1 — hub-derived state and the event log.
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE events (
    rowid INTEGER PRIMARY KEY,
    seq INTEGER NOT NULL,
    id TEXT NOT NULL,
    type TEXT NOT NULL,
    at TEXT NOT NULL,
    actor_kind TEXT NOT NULL,
    actor_id TEXT,
    command_id TEXT,
    target_id TEXT,
    data TEXT NOT NULL,
    unknown INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX events_by_target ON events (target_id, rowid);
  CREATE TABLE rejected_events (
    rowid INTEGER PRIMARY KEY,
    seq INTEGER,
    received_at TEXT NOT NULL,
    reason TEXT NOT NULL,
    raw TEXT
  );
  CREATE TABLE district (id TEXT PRIMARY KEY, json TEXT NOT NULL);
  CREATE TABLE categories (code TEXT PRIMARY KEY, position INTEGER NOT NULL, json TEXT NOT NULL);
  CREATE TABLE contractors (id TEXT PRIMARY KEY, name TEXT NOT NULL, phone TEXT, categories TEXT NOT NULL);
  CREATE TABLE crews (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    contractor_id TEXT NOT NULL,
    categories TEXT NOT NULL,
    vehicle TEXT,
    phone TEXT,
    status TEXT NOT NULL
  );
  CREATE TABLE requests (
    id TEXT PRIMARY KEY,
    category TEXT NOT NULL,
    priority TEXT NOT NULL,
    status TEXT NOT NULL,
    description TEXT NOT NULL,
    address TEXT NOT NULL,
    lon REAL NOT NULL,
    lat REAL NOT NULL,
    channel TEXT NOT NULL,
    received_at TEXT NOT NULL,
    ack_due_at TEXT NOT NULL,
    resolve_due_at TEXT NOT NULL,
    acknowledged_at TEXT,
    crew_id TEXT,
    closed_at TEXT,
    resolution TEXT,
    rating INTEGER,
    updated_at TEXT NOT NULL,
    citizen_name TEXT,
    citizen_phone TEXT
  );
  CREATE INDEX requests_by_closed_at ON requests (closed_at);
  `,
  // 2 — the durable outbox of operator commands; a row's optimistic effect is shown while
  // `overlay` is 1 (until the hub's events reconcile it or a failed ack undoes it).
  `
  CREATE TABLE outbox (
    rowid INTEGER PRIMARY KEY,
    command_id TEXT NOT NULL UNIQUE,
    type TEXT NOT NULL,
    data TEXT NOT NULL,
    operator_id TEXT NOT NULL,
    issued_at TEXT NOT NULL,
    target_kind TEXT NOT NULL,
    target_id TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending',
    overlay INTEGER NOT NULL DEFAULT 1,
    ack_seq INTEGER,
    error_code TEXT,
    error_message TEXT,
    settled_at TEXT
  );
  CREATE INDEX outbox_pending ON outbox (state, rowid);
  CREATE INDEX outbox_overlay ON outbox (overlay, target_id);
  `,
  // 3 — latest GPS fix per crew (volatile, flushed periodically).
  `
  CREATE TABLE crew_positions (
    crew_id TEXT PRIMARY KEY,
    lon REAL NOT NULL,
    lat REAL NOT NULL,
    heading REAL,
    speed_kmh REAL,
    accuracy_m REAL,
    at TEXT NOT NULL
  );
  `,
  // 4 — the log indexed only where it is read by target: a request's timeline. Crew, contractor
  // and district events (a third of a busy day's log) no longer pay an index insert each.
  `
  DROP INDEX events_by_target;
  CREATE INDEX events_by_request ON events (target_id) WHERE type GLOB 'request.*';
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

export class SchemaVersionError extends Error {
  constructor(
    readonly found: number,
    readonly known: number,
  ) {
    super(
      `the database is at schema version ${found}, newer than this Console 137 knows (${known}); ` +
        `it was written by a newer version of the app — update the app, or use another data directory`,
    );
    this.name = 'SchemaVersionError';
  }
}

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Bring the schema up to `target` (default: the latest), one transaction per step. */
export function migrate(db: Database.Database, target = SCHEMA_VERSION): number {
  const found = schemaVersion(db);
  if (found > SCHEMA_VERSION) throw new SchemaVersionError(found, SCHEMA_VERSION);
  for (let v = found; v < target; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
  return Math.max(found, target);
}
