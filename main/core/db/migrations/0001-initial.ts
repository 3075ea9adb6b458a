// 1 — hub-derived state and the event log.
export const initialSchema = `
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
  `;
