// The audit trail's rows (docs/audit.md): appended with their hash chain and head in one
// transaction, never updated or deleted (the migration's triggers refuse it).
import { canonicalDetail, rowHash, type AuditContent, type StoredAuditRow } from '../audit/chain';
import type { Connection } from './connection';
import { json, Table } from './table';

export type NewAuditRow = Omit<AuditContent, 'seq'>;

export interface AuditHead {
  rows: number;
  hash: string;
}

export interface AuditFilter {
  /** Inclusive, a UTC ISO instant. */
  fromAt?: string;
  /** Exclusive, a UTC ISO instant. */
  toAt?: string;
  accountId?: string;
  targetKind?: string;
  targetId?: string;
  limit?: number;
}

const AUDIT = new Table<StoredAuditRow>('audit', {
  seq: 'seq',
  at: 'at',
  accountId: 'account_id',
  workstation: 'workstation',
  session: 'session',
  action: 'action',
  targetKind: 'target_kind',
  targetId: 'target_id',
  detail: json('detail'),
  prevHash: 'prev_hash',
  hash: 'hash',
});
const HEAD = 'SELECT rows, hash FROM audit_head WHERE id = 1';

// Each filter field's condition; the statement is built from those present (a few shapes, cached).
const CONDITIONS: Record<Exclude<keyof AuditFilter, 'limit'>, string> = {
  fromAt: 'at >= ?',
  toAt: 'at < ?',
  accountId: 'account_id = ?',
  targetKind: 'target_kind = ?',
  targetId: 'target_id = ?',
};

export class AuditStore {
  constructor(private readonly c: Connection) {}

  /** The next row, chained to the head; inside the caller's transaction if there is one. */
  append(r: NewAuditRow): StoredAuditRow {
    return this.c.tx(() => {
      const head = this.head();
      const content: AuditContent = { seq: head.rows + 1, ...r };
      const row: StoredAuditRow = { ...content, prevHash: head.hash, hash: rowHash(head.hash, content) };
      this.c
        .st(`INSERT INTO audit (${AUDIT.columns.join(', ')}) VALUES (${AUDIT.columns.map(() => '?').join(', ')})`)
        .run(row.seq, row.at, row.accountId, row.workstation, row.session, row.action, row.targetKind, row.targetId, canonicalDetail(row.detail), row.prevHash, row.hash);
      this.c.st('UPDATE audit_head SET rows = ?, hash = ? WHERE id = 1').run(row.seq, row.hash);
      return row;
    });
  }

  /** Every row by seq, read as it is consumed (the trail is never loaded whole). */
  *rows(): IterableIterator<StoredAuditRow> {
    for (const r of this.c.st(`${AUDIT.select} ORDER BY seq`).iterate()) yield AUDIT.one(r)!;
  }

  head(): AuditHead {
    return this.c.st(HEAD).get() as AuditHead;
  }

  /** The rows matching every given field, newest first. */
  list(f: AuditFilter): StoredAuditRow[] {
    const keys = (Object.keys(CONDITIONS) as (keyof typeof CONDITIONS)[]).filter((k) => f[k] !== undefined);
    const where = keys.length ? ` WHERE ${keys.map((k) => CONDITIONS[k]).join(' AND ')}` : '';
    const limit = f.limit === undefined ? '' : ' LIMIT ?';
    const args: unknown[] = keys.map((k) => f[k]);
    if (f.limit !== undefined) args.push(f.limit);
    return AUDIT.all(this.c.st(`${AUDIT.select}${where} ORDER BY seq DESC${limit}`).all(...args));
  }
}
