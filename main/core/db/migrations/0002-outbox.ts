// 2 — the durable outbox of operator commands; a row's optimistic effect is shown while
// `overlay` is 1 (until the hub's events reconcile it or a failed ack undoes it).
export const outboxTable = `
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
  `;
