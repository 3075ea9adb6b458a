// The audit trail over a real SQLite file: recording, the views' filters, the CSV export, and
// verification catching a row changed behind the core's back.
import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { AuditTrail } from '../../main/core/audit';
import { Store } from '../../main/core/db/store';
import { tmp } from './helpers';

const t = tmp('c137-audit-');
afterAll(() => t.cleanup());
let n = 0;

/** A trail whose clock reads the given instants in turn. */
function trail(times: string[]) {
  const store = Store.open(join(t.dir, `a${n++}.db`));
  let i = 0;
  const audit = new AuditTrail(store, 'ws-7', () => new Date(times[Math.min(i++, times.length - 1)]));
  return { store, audit };
}

describe('AuditTrail', () => {
  it('records rows with the workstation and the clock, and lists them newest first by day, account and target', () => {
    const { store, audit } = trail(['2026-12-02T20:29:59.000Z', '2026-12-02T20:30:00.000Z', '2026-12-03T08:00:00.000Z', '2026-12-03T09:00:00.000Z']);
    const a = audit.record({ accountId: 'acc-1', session: 's1', action: 'sign_in' });
    audit.record({ accountId: 'acc-1', session: 's1', action: 'command_submitted', targetKind: 'request', targetId: 'r1', detail: { commandId: 'c1', type: 'request.acknowledge' } });
    const c = audit.record({ accountId: 'acc-2', session: 's2', action: 'contact_shown', targetKind: 'request', targetId: 'r1', detail: { requestId: 'r1' } });
    const d = audit.record({ accountId: null, session: 's3', action: 'sign_in_failed', detail: { username: 'x', reason: 'bad_password', failures: 1 } });
    expect(a).toMatchObject({ seq: 1, at: '2026-12-02T20:29:59.000Z', workstation: 'ws-7', targetKind: null, targetId: null, detail: {} });
    expect(d.prevHash).toBe(c.hash);
    const seqs = (rows: { seq: number }[]) => rows.map((r) => r.seq);
    expect(seqs(audit.list({}))).toEqual([4, 3, 2, 1]);
    // Tehran's 3 December starts at 2 December 20:30 UTC.
    expect(seqs(audit.list({ fromAt: '2026-12-02T20:30:00.000Z', toAt: '2026-12-03T20:30:00.000Z' }))).toEqual([4, 3, 2]);
    expect(seqs(audit.list({ accountId: 'acc-1' }))).toEqual([2, 1]);
    expect(seqs(audit.list({ targetKind: 'request', targetId: 'r1' }))).toEqual([3, 2]);
    expect(seqs(audit.list({ accountId: 'acc-1', toAt: '2026-12-02T20:30:00.000Z' }))).toEqual([1]);
    expect(seqs(audit.list({ limit: 2 }))).toEqual([4, 3]);
    expect(audit.list({ targetId: 'r1' })[0]).toEqual(c);
    expect(audit.verify()).toEqual({ ok: true, rows: 4 });
    store.close();
  });

  it('appends inside the caller’s transaction: rolled back with it, chain and head together', () => {
    const { store, audit } = trail(['2026-12-03T08:00:00.000Z']);
    audit.record({ accountId: 'acc-1', session: 's1', action: 'sign_in' });
    expect(() =>
      store.tx(() => {
        audit.record({ accountId: 'acc-1', session: 's1', action: 'sign_out' });
        throw new Error('the command failed');
      }),
    ).toThrow('the command failed');
    expect(store.audit.head().rows).toBe(1);
    expect(audit.record({ accountId: 'acc-1', session: 's1', action: 'lock' }).seq).toBe(2);
    expect(audit.verify()).toEqual({ ok: true, rows: 2 });
    store.close();
  });

  it('exports CSV: BOM, CRLF, RFC 4180 quoting, formula cells defused, Tehran time in both calendars', () => {
    const { store, audit } = trail(['2026-12-03T19:59:59.000Z']);
    audit.record({ accountId: '=HYPERLINK("x")', session: 's1', action: 'handover_written', targetKind: 'handover', targetId: '-1+2', detail: { note: 'a, "b"\nc', fa: 'شیراز' } });
    audit.record({ accountId: '@acc', session: 's1', action: 'lock' });
    const csv = audit.csv(audit.list({}).reverse());
    expect(csv.startsWith('\uFEFFseq,at,at_tehran,at_tehran_jalali,account,workstation,action,target_kind,target_id,detail,hash\r\n')).toBe(true);
    const [, first, second, end] = csv.slice(1).split('\r\n');
    const [row1, row2] = audit.list({}).reverse();
    expect(first).toBe(
      `1,2026-12-03T19:59:59.000Z,2026-12-03 23:29:59,1405-09-12 23:29:59,"'=HYPERLINK(""x"")",ws-7,handover_written,handover,'-1+2,` +
        `"{""fa"":""شیراز"",""note"":""a, \\""b\\""\\nc""}",${row1.hash}`,
    );
    expect(second).toBe(`2,2026-12-03T19:59:59.000Z,2026-12-03 23:29:59,1405-09-12 23:29:59,'@acc,ws-7,lock,,,{},${row2.hash}`);
    expect(end).toBe('');
    store.close();
  });

  it('names the row changed by direct SQL (trigger dropped), and the newest rows cut off through the head', () => {
    const { store, audit } = trail(['2026-12-03T08:00:00.000Z']);
    for (let i = 0; i < 5; i++) audit.record({ accountId: 'acc-1', session: 's1', action: 'command_submitted', detail: { commandId: `c${i}`, type: 'request.note' } });
    store.db.exec('DROP TRIGGER audit_no_update');
    store.db.prepare("UPDATE audit SET account_id = 'acc-2' WHERE seq = 3").run();
    expect(audit.verify()).toMatchObject({ ok: false, rows: 2, seq: 3, reason: expect.stringMatching(/changed/) });
    store.close();

    const cut = trail(['2026-12-03T08:00:00.000Z']);
    for (let i = 0; i < 5; i++) cut.audit.record({ accountId: 'acc-1', session: 's1', action: 'lock' });
    cut.store.db.exec('DROP TRIGGER audit_no_delete');
    cut.store.db.prepare('DELETE FROM audit WHERE seq > 3').run();
    expect(cut.audit.verify()).toMatchObject({ ok: false, rows: 3, seq: 4, reason: expect.stringMatching(/head records 5 rows/) });
    // The head made to agree again passes; a head disagreeing only in its last hash names the last row.
    const last = [...cut.store.audit.rows()][2];
    cut.store.db.prepare('UPDATE audit_head SET rows = 3, hash = ?').run(last.hash);
    expect(cut.audit.verify()).toEqual({ ok: true, rows: 3 });
    cut.store.db.prepare("UPDATE audit_head SET hash = 'f' || substr(hash, 2)").run();
    expect(cut.audit.verify()).toMatchObject({ ok: false, rows: 3, seq: 3 });
    cut.store.close();
  });
});
