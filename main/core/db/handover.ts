// Shift handover notes (migration 11, ../handover.ts): written once, acknowledged once, never
// deleted. The overdue requests attached are stored as the JSON they were written with.
import type { Connection } from './connection';
import { json, Table } from './table';

export interface HandoverRow {
  id: number;
  writtenBy: string;
  writtenAt: string;
  text: string;
  overdue: unknown[];
  acknowledgedBy: string | null;
  acknowledgedAt: string | null;
}

const NOTES = new Table<HandoverRow>('handover_notes', {
  id: 'id',
  writtenBy: 'written_by',
  writtenAt: 'written_at',
  text: 'text',
  overdue: json('overdue'),
  acknowledgedBy: 'acknowledged_by',
  acknowledgedAt: 'acknowledged_at',
});

export class HandoverStore {
  constructor(private readonly c: Connection) {}

  /** Store a new note; returns its id. */
  add(writtenBy: string, writtenAt: string, text: string, overdue: readonly unknown[]): number {
    const r = this.c
      .st('INSERT INTO handover_notes (written_by, written_at, text, overdue) VALUES (?, ?, ?, ?)')
      .run(writtenBy, writtenAt, text, JSON.stringify(overdue));
    return Number(r.lastInsertRowid);
  }

  get(id: number): HandoverRow | null {
    return NOTES.one(this.c.st(`${NOTES.select} WHERE id = ?`).get(id));
  }

  /** The newest note not yet acknowledged that someone other than `account` wrote. */
  newestUnacknowledgedNotBy(account: string): HandoverRow | null {
    return NOTES.one(
      this.c.st(`${NOTES.select} WHERE acknowledged_at IS NULL AND written_by != ? ORDER BY written_at DESC, id DESC LIMIT 1`).get(account),
    );
  }

  /** Mark acknowledged if it still is not; false when it already was (or there is no such note). */
  acknowledge(id: number, by: string, at: string): boolean {
    return this.c.st('UPDATE handover_notes SET acknowledged_by = ?, acknowledged_at = ? WHERE id = ? AND acknowledged_at IS NULL').run(by, at, id).changes === 1;
  }

  /** Notes written in [fromAt, toAt), newest first. */
  writtenBetween(fromAt: string, toAt: string): HandoverRow[] {
    return NOTES.all(this.c.st(`${NOTES.select} WHERE written_at >= ? AND written_at < ? ORDER BY written_at DESC, id DESC`).all(fromAt, toAt));
  }
}
