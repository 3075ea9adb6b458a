// The audit trail (docs/audit.md): who did what, when and from which workstation, appended to a
// hash chain the core verifies, listed for the views and exported as CSV for a supervisor.
import type { AuditAction, AuditTargetKind } from '../../common/domain/audit';
import { tehranWallClock } from '../../common/domain/tehran-day';
import { canonicalDetail, GENESIS_HASH, verifyChain, type ChainCheck, type StoredAuditRow } from './audit/chain';
import type { AuditFilter, Store } from './db/store';

export type { StoredAuditRow } from './audit/chain';

export interface AuditEntry {
  accountId: string | null;
  session: string;
  action: AuditAction;
  targetKind?: AuditTargetKind | null;
  targetId?: string | null;
  detail?: Record<string, unknown>;
}

const CSV_COLUMNS = ['seq', 'at', 'at_tehran', 'at_tehran_jalali', 'account', 'workstation', 'action', 'target_kind', 'target_id', 'detail', 'hash'];

/**
 * One CSV cell (RFC 4180): quoted when it holds a quote, comma or line break. A cell a
 * spreadsheet would read as a formula (= + - @, tab, CR first) gets a leading apostrophe.
 */
function cell(v: string | number | null): string {
  let s = v === null ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** The rows, noting the hash of the last one read in `last`. */
function* remembering(rows: Iterable<StoredAuditRow>, last: { hash: string }): IterableIterator<StoredAuditRow> {
  for (const r of rows) {
    last.hash = r.hash;
    yield r;
  }
}

export class AuditTrail {
  constructor(
    private readonly store: Store,
    /** The console's id (config.consoleId). */
    private readonly workstation: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  record(e: AuditEntry): StoredAuditRow {
    return this.store.audit.append({
      at: this.now().toISOString(),
      accountId: e.accountId,
      workstation: this.workstation,
      session: e.session,
      action: e.action,
      targetKind: e.targetKind ?? null,
      targetId: e.targetId ?? null,
      detail: e.detail ?? {},
    });
  }

  /** The chain, then the head: a chain intact but shorter than the head lost its newest rows. */
  verify(): ChainCheck {
    return this.store.tx(() => {
      const last = { hash: GENESIS_HASH };
      const chain = verifyChain(remembering(this.store.audit.rows(), last));
      const head = this.store.audit.head();
      if (!chain.ok || (head.rows === chain.rows && head.hash === last.hash)) return chain;
      return {
        ok: false,
        rows: chain.rows,
        // The first row one of them holds and the other does not, or the last if only its hash differs.
        seq: head.rows === chain.rows ? chain.rows : Math.min(head.rows, chain.rows) + 1,
        reason: `the head records ${head.rows} rows ending in hash ${head.hash}, the chain has ${chain.rows} ending in ${last.hash} (the newest rows removed, or the head changed)`,
      };
    });
  }

  list(filter: AuditFilter): StoredAuditRow[] {
    return this.store.audit.list(filter);
  }

  /** CSV (RFC 4180, CRLF, UTF-8 with a BOM so a spreadsheet reads Persian text right). */
  csv(rows: StoredAuditRow[]): string {
    const lines = [CSV_COLUMNS.join(',')];
    for (const r of rows) {
      const values = [r.seq, r.at, tehranWallClock(r.at, 'gregory'), tehranWallClock(r.at, 'persian'), r.accountId, r.workstation, r.action, r.targetKind, r.targetId, canonicalDetail(r.detail), r.hash];
      lines.push(values.map(cell).join(','));
    }
    return `\uFEFF${lines.join('\r\n')}\r\n`;
  }
}
