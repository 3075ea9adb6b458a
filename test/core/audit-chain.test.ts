// The audit trail's hash chain, pure: each kind of tampering is found at the row where it shows.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonical, GENESIS_HASH, rowHash, verifyChain, type AuditContent, type StoredAuditRow } from '../../main/core/audit/chain';

const ACTIONS = ['sign_in', 'command_submitted', 'command_result', 'contact_shown', 'sign_out', 'lock'] as const;

function content(seq: number): AuditContent {
  return {
    seq,
    at: `2026-12-03T08:0${seq}:00.000Z`,
    accountId: seq % 2 ? 'acc-1' : null,
    workstation: 'ws-1',
    session: 's-1',
    action: ACTIONS[seq % ACTIONS.length],
    targetKind: 'request',
    targetId: `r${seq}`,
    detail: { commandId: `c${seq}`, type: 'request.acknowledge' },
  };
}

/** A well-chained trail of n rows. */
function chain(n: number): StoredAuditRow[] {
  const rows: StoredAuditRow[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const c = content(seq);
    const hash = rowHash(prev, c);
    rows.push({ ...c, prevHash: prev, hash });
    prev = hash;
  }
  return rows;
}

describe('audit chain', () => {
  it('writes the canonical form with fixed keys and detail sorted at every depth, and hashes it as documented', () => {
    const c: AuditContent = { ...content(1), detail: { z: 1, a: { y: [{ b: 2, a: 1 }], x: 'شیراز' } } };
    const text = canonical(c);
    expect(text).toBe(
      '{"seq":1,"at":"2026-12-03T08:01:00.000Z","accountId":"acc-1","workstation":"ws-1","session":"s-1","action":"command_submitted",' +
        '"targetKind":"request","targetId":"r1","detail":{"a":{"x":"شیراز","y":[{"a":1,"b":2}]},"z":1}}',
    );
    // What `printf '%s\n%s' PREV CANONICAL | sha256sum` gives.
    expect(rowHash(GENESIS_HASH, c)).toBe(createHash('sha256').update(`${GENESIS_HASH}\n${text}`).digest('hex'));
    // Key order in the input does not matter.
    expect(canonical({ ...c, detail: { a: { x: 'شیراز', y: [{ a: 1, b: 2 }] }, z: 1 } })).toBe(text);
  });

  it('accepts an intact chain, and an empty one', () => {
    expect(verifyChain(chain(6))).toEqual({ ok: true, rows: 6 });
    expect(verifyChain([])).toEqual({ ok: true, rows: 0 });
  });

  const changes: [string, (r: StoredAuditRow) => void][] = [
    ['at', (r) => (r.at = '2026-12-03T07:00:00.000Z')],
    ['account', (r) => (r.accountId = 'acc-2')],
    ['action', (r) => (r.action = 'sign_in_failed')],
    ['detail', (r) => (r.detail = { ...r.detail, ok: false })],
  ];
  for (const [field, change] of changes) {
    it(`finds a changed ${field} at its row`, () => {
      const rows = chain(6);
      change(rows[3]);
      expect(verifyChain(rows)).toMatchObject({ ok: false, rows: 3, seq: 4, reason: expect.stringMatching(/changed/) });
    });
  }

  it('finds a deleted middle row at the missing seq', () => {
    const rows = chain(6);
    rows.splice(2, 1);
    expect(verifyChain(rows)).toMatchObject({ ok: false, rows: 2, seq: 3, reason: expect.stringMatching(/expected row 3, found row 4/) });
  });

  it('finds an inserted row, even one hashed into the chain and the rows after it renumbered, at the row after it', () => {
    const rows = chain(6);
    const forged: AuditContent = { ...content(3), detail: { forged: true } };
    rows.splice(2, 0, { ...forged, prevHash: rows[1].hash, hash: rowHash(rows[1].hash, forged) });
    for (let i = 3; i < rows.length; i++) rows[i] = { ...rows[i], seq: i + 1 };
    expect(verifyChain(rows)).toMatchObject({ ok: false, rows: 3, seq: 4 });
    // Not renumbered: the seq repeats.
    const plain = chain(6);
    plain.splice(2, 0, { ...plain[2] });
    expect(verifyChain(plain)).toMatchObject({ ok: false, rows: 3, seq: 4, reason: expect.stringMatching(/found row 3/) });
  });

  it('finds two rows swapped (seqs renumbered) at the first of them', () => {
    const rows = chain(6);
    [rows[2], rows[3]] = [
      { ...rows[3], seq: 3 },
      { ...rows[2], seq: 4 },
    ];
    expect(verifyChain(rows)).toMatchObject({ ok: false, rows: 2, seq: 3, reason: expect.stringMatching(/previous hash/) });
  });

  it('finds a row rewritten with its hash recomputed, but the rest not re-chained, at the next row', () => {
    const rows = chain(6);
    const changed: AuditContent = { ...rows[2], accountId: 'acc-9' };
    rows[2] = { ...changed, prevHash: rows[2].prevHash, hash: rowHash(rows[2].prevHash, changed) };
    expect(verifyChain(rows)).toMatchObject({ ok: false, rows: 3, seq: 4, reason: expect.stringMatching(/previous hash/) });
  });

  it('cannot tell the newest rows cut off on its own (the head does: audit.test.ts)', () => {
    expect(verifyChain(chain(6).slice(0, 4))).toEqual({ ok: true, rows: 4 });
  });
});
