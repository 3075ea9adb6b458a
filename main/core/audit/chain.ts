// The audit trail's hash chain (docs/audit.md): each row's hash covers the previous row's hash and
// the row's own canonical content, so changing, deleting, inserting or reordering a row breaks the
// chain from that row on. Pure: anyone can recompute a hash with another tool from the formula.
import { createHash } from 'node:crypto';
import type { AuditAction, AuditTargetKind } from '../../../common/domain/audit';

/** What a row's hash covers. `at` is a UTC ISO string; `detail` never holds personal data. */
export interface AuditContent {
  seq: number;
  at: string;
  accountId: string | null;
  workstation: string;
  session: string;
  action: AuditAction;
  targetKind: AuditTargetKind | null;
  targetId: string | null;
  detail: Record<string, unknown>;
}

export interface StoredAuditRow extends AuditContent {
  prevHash: string;
  hash: string;
}

/** The previous hash of row 1. */
export const GENESIS_HASH = '0'.repeat(64);

/** Objects' keys sorted (by UTF-16 code units, as Array.sort does), at every depth; arrays keep their order. */
function sortedKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortedKeys);
  if (v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v).sort()) out[k] = sortedKeys((v as Record<string, unknown>)[k]);
  return out;
}

/** `detail` as stored in its column and hashed: JSON, keys sorted recursively, no whitespace. */
export function canonicalDetail(detail: Record<string, unknown>): string {
  return JSON.stringify(sortedKeys(detail));
}

/**
 * The canonical form of a row: one JSON object with the keys in this fixed order — seq, at,
 * accountId, workstation, session, action, targetKind, targetId, detail — no whitespace, and
 * detail's keys sorted recursively (JSON.stringify's escaping and number form).
 */
export function canonical(c: AuditContent): string {
  const { seq, at, accountId, workstation, session, action, targetKind, targetId } = c;
  const head = JSON.stringify({ seq, at, accountId, workstation, session, action, targetKind, targetId });
  return `${head.slice(0, -1)},"detail":${canonicalDetail(c.detail)}}`;
}

/** SHA-256 (hex) of `prevHash + '\n' + canonical(content)`, UTF-8. */
export function rowHash(prevHash: string, content: AuditContent): string {
  return createHash('sha256').update(`${prevHash}\n${canonical(content)}`, 'utf8').digest('hex');
}

export type ChainCheck = { ok: true; rows: number } | { ok: false; rows: number; seq: number; reason: string };

/**
 * Walks the rows in the order given (by seq) and names the first broken one. `rows` counts the
 * intact rows before it. Checks, in order: seq runs 1, 2, 3… (a row deleted or inserted), prevHash
 * is the previous row's hash (rows reordered, or a row rewritten with its hash recomputed — found
 * at the row after it), hash is rowHash(prevHash, content) (a row changed). The newest rows cut
 * off leave an intact chain: the head (db/audit.ts) is what tells that.
 */
export function verifyChain(rows: Iterable<StoredAuditRow>): ChainCheck {
  let n = 0;
  let prev = GENESIS_HASH;
  for (const row of rows) {
    const seq = n + 1;
    const broken = (reason: string): ChainCheck => ({ ok: false, rows: n, seq, reason });
    if (row.seq !== seq) return broken(`expected row ${seq}, found row ${row.seq} (a row deleted or inserted)`);
    if (row.prevHash !== prev) return broken('its previous hash is not the hash of the row before it (rows reordered, removed or rewritten)');
    if (row.hash !== rowHash(row.prevHash, row)) return broken('its content does not match its hash (the row was changed)');
    prev = row.hash;
    n = seq;
  }
  return { ok: true, rows: n };
}
