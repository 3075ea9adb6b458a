// 10 — the audit trail (docs/audit.md): append-only rows chained by SHA-256 (../../audit/chain.ts),
// refused UPDATE, DELETE and REPLACE by triggers, and a one-row head holding the count and the last hash,
// written in the same transaction as each row, so cutting off the newest rows shows too. Indexed
// for the views: by day, per account by day, per request (or other target).
export const auditTables = `
  CREATE TABLE audit (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    account_id TEXT,
    workstation TEXT NOT NULL,
    session TEXT NOT NULL,
    action TEXT NOT NULL,
    target_kind TEXT,
    target_id TEXT,
    detail TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
  );
  CREATE INDEX audit_by_at ON audit (at);
  CREATE INDEX audit_by_account ON audit (account_id, at);
  CREATE INDEX audit_by_target ON audit (target_kind, target_id);
  CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit rows are append-only'); END;
  CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit rows are append-only'); END;
  -- INSERT OR REPLACE deletes the row it replaces without firing the DELETE trigger.
  CREATE TRIGGER audit_no_replace BEFORE INSERT ON audit WHEN EXISTS (SELECT 1 FROM audit WHERE seq = NEW.seq)
    BEGIN SELECT RAISE(ABORT, 'audit rows are append-only'); END;
  CREATE TABLE audit_head (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    rows INTEGER NOT NULL,
    hash TEXT NOT NULL
  );
  INSERT INTO audit_head (id, rows, hash) VALUES (1, 0, '${'0'.repeat(64)}');
  `;
