// 11 — shift handover notes (main/core/handover.ts, docs/handover.md): written by the outgoing
// supervisor with the open overdue requests of that moment (a JSON array, frozen as they were:
// the note is a record of what was handed over, not a live list), acknowledged once by another
// account. Ours, not hub-derived: never staged nor cleared with the hub state. Listed by day.
export const handoverNotesTable = `
  CREATE TABLE handover_notes (
    id INTEGER PRIMARY KEY,
    written_by TEXT NOT NULL,
    written_at TEXT NOT NULL,
    text TEXT NOT NULL,
    overdue TEXT NOT NULL,
    acknowledged_by TEXT,
    acknowledged_at TEXT
  ) STRICT;
  CREATE INDEX handover_notes_by_written_at ON handover_notes (written_at);
  `;
