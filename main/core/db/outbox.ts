// The durable outbox of operator commands (§5): sent strictly in rowid order until acknowledged;
// while `overlay` is on, a row is also its command's optimistic effect.
import type { CommandErrorCode } from '../../../common/protocol/hub-protocol';
import type { Connection } from './connection';
import { CLOSED_BEFORE } from './requests';
import { flag, json, Table } from './table';

export type OutboxState = 'pending' | 'acked' | 'failed';

export interface OutboxRow {
  rowid: number;
  commandId: string;
  type: string;
  data: Record<string, unknown>;
  operatorId: string;
  issuedAt: string;
  targetKind: 'request' | 'crew';
  targetId: string;
  state: OutboxState;
  overlay: boolean;
  ackSeq: number | null;
}

export type NewOutboxRow = Pick<OutboxRow, 'commandId' | 'type' | 'data' | 'operatorId' | 'issuedAt' | 'targetKind' | 'targetId'>;

const OUTBOX = new Table<OutboxRow>('outbox', {
  rowid: 'rowid',
  commandId: 'command_id',
  type: 'type',
  data: json('data'),
  operatorId: 'operator_id',
  issuedAt: 'issued_at',
  targetKind: 'target_kind',
  targetId: 'target_id',
  state: 'state',
  overlay: flag('overlay'),
  ackSeq: 'ack_seq',
});
// Read once per event that carries a commandId, while the replay applies it.
const OVERLAY_BY_COMMAND = `${OUTBOX.select} WHERE command_id = ? AND overlay = 1`;

export class OutboxStore {
  constructor(private readonly c: Connection) {}

  enqueue(r: NewOutboxRow): void {
    this.c.st(
      `INSERT INTO outbox (command_id, type, data, operator_id, issued_at, target_kind, target_id)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(r.commandId, r.type, JSON.stringify(r.data), r.operatorId, r.issuedAt, r.targetKind, r.targetId);
  }

  row(commandId: string): OutboxRow | null {
    return OUTBOX.one(this.c.st(`${OUTBOX.select} WHERE command_id = ?`).get(commandId));
  }

  /** The oldest command still waiting for its ack (commands go out strictly in this order). */
  firstPending(): OutboxRow | null {
    return OUTBOX.one(this.c.st(`${OUTBOX.select} WHERE state = 'pending' ORDER BY rowid LIMIT 1`).get());
  }

  pendingCount(): number {
    return (this.c.st("SELECT count(*) AS n FROM outbox WHERE state = 'pending'").get() as { n: number }).n;
  }

  /** Commands whose optimistic effect is shown, oldest first. */
  overlays(targetId?: string): OutboxRow[] {
    const rows =
      targetId === undefined
        ? this.c.st(`${OUTBOX.select} WHERE overlay = 1 ORDER BY rowid`).all()
        : this.c.st(`${OUTBOX.select} WHERE overlay = 1 AND target_id = ? ORDER BY rowid`).all(targetId);
    return OUTBOX.all(rows);
  }

  /** Pending (unacknowledged) commands per target. */
  pendingByTarget(): Map<string, number> {
    const rows = this.c.st("SELECT target_id AS id, count(*) AS n FROM outbox WHERE state = 'pending' GROUP BY target_id").all() as {
      id: string;
      n: number;
    }[];
    return new Map(rows.map((r) => [r.id, r.n]));
  }

  /** The requests this operator's commands still waiting for the hub are about. */
  pendingRequestsOf(operatorId: string): string[] {
    const rows = this.c
      .st("SELECT DISTINCT target_id AS id FROM outbox WHERE state = 'pending' AND target_kind = 'request' AND operator_id = ?")
      .all(operatorId) as { id: string }[];
    return rows.map((r) => r.id);
  }

  pendingFor(targetId: string): number {
    return (this.c.st("SELECT count(*) AS n FROM outbox WHERE state = 'pending' AND target_id = ?").get(targetId) as { n: number }).n;
  }

  maxRowid(): number {
    return (this.c.st('SELECT coalesce(max(rowid), 0) AS n FROM outbox').get() as { n: number }).n;
  }

  after(rowid: number): OutboxRow[] {
    return OUTBOX.all(this.c.st(`${OUTBOX.select} WHERE rowid > ? ORDER BY rowid`).all(rowid));
  }

  /** ok ack: the overlay stays until the event stream has reached the command's seq. */
  markAcked(commandId: string, ackSeq: number, lastSeq: number, at: string): void {
    this.c.st(
      `UPDATE outbox SET state = 'acked', ack_seq = ?, settled_at = ?, overlay = CASE WHEN ? >= ? THEN 0 ELSE overlay END
       WHERE command_id = ? AND state = 'pending'`,
    ).run(ackSeq, at, lastSeq, ackSeq, commandId);
  }

  /** Failed ack: undo the optimistic effect. */
  markFailed(commandId: string, code: CommandErrorCode, message: string, at: string): void {
    this.c.st(
      `UPDATE outbox SET state = 'failed', overlay = 0, error_code = ?, error_message = ?, settled_at = ?
       WHERE command_id = ? AND state = 'pending'`,
    ).run(code, message, at, commandId);
  }

  /** An event carrying this commandId arrived: the hub state now holds the effect. */
  reconcile(commandId: string): OutboxRow | null {
    const row = OUTBOX.one(this.c.st(OVERLAY_BY_COMMAND).get(commandId));
    if (row) this.c.st('UPDATE outbox SET overlay = 0 WHERE command_id = ?').run(commandId);
    return row;
  }

  /** Acked commands whose seq the stream has reached lose their overlay (returns them). */
  reconcileAckedUpTo(lastSeq: number): OutboxRow[] {
    const rows = OUTBOX.all(this.c.st(`${OUTBOX.select} WHERE overlay = 1 AND state = 'acked' AND ack_seq <= ?`).all(lastSeq));
    if (rows.length) this.c.st("UPDATE outbox SET overlay = 0 WHERE overlay = 1 AND state = 'acked' AND ack_seq <= ?").run(lastSeq);
    return rows;
  }

  /** Acked commands still showing their effect, acked before `settledBefore`, lose it (returns them). */
  expireAckedOverlays(settledBefore: string): OutboxRow[] {
    const where = "overlay = 1 AND state = 'acked' AND settled_at < ?";
    const rows = OUTBOX.all(this.c.st(`${OUTBOX.select} WHERE ${where} ORDER BY rowid`).all(settledBefore));
    if (rows.length) this.c.st(`UPDATE outbox SET overlay = 0 WHERE ${where}`).run(settledBefore);
    return rows;
  }

  hasAckedOverlays(): boolean {
    return this.c.st("SELECT 1 FROM outbox WHERE overlay = 1 AND state = 'acked' LIMIT 1").get() !== undefined;
  }

  /**
   * Retention (docs/retention.md): a settled request.create holds the citizen its operator typed.
   * Its citizen becomes `{}` (still a valid command; a settled row is never sent again) when the
   * request it created was closed before `closedBefore` — the event carrying its commandId names
   * it — or when the hub refused it (no request) before then. Returns how many rows were.
   */
  erasePersonalData(closedBefore: string): number {
    return this.c
      .st(`UPDATE outbox SET data = json_set(data, '$.request.citizen', json('{}'))
        WHERE type = 'request.create' AND state != 'pending'
          AND (json_extract(data, '$.request.citizen.name') IS NOT NULL OR json_extract(data, '$.request.citizen.phone') IS NOT NULL)
          AND (command_id IN (SELECT command_id FROM events WHERE type = 'request.created' AND command_id IS NOT NULL
                AND target_id IN (SELECT id FROM requests WHERE ${CLOSED_BEFORE}))
            OR (state = 'failed' AND settled_at < ?))`)
      .run(closedBefore, closedBefore).changes;
  }

  /** Forget settled commands older than `before` (the hub remembers acks for 7 days). */
  prune(before: string): void {
    this.c.st("DELETE FROM outbox WHERE state != 'pending' AND overlay = 0 AND settled_at < ?").run(before);
  }
}
