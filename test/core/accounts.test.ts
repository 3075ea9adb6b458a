// Accounts on a real SQLite file: their rules, signing in and its throttle across a reopen, wall tokens.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AccountError, Accounts } from '../../main/core/accounts';
import { DB_FILE_NAME, Store } from '../../main/core/db/store';
import { tempDir } from '../support/temp';

const t = tempDir('c137-accounts-');
afterAll(() => t.cleanup());
let n = 0;
const open = (file = join(t.dir, `${n++}-${DB_FILE_NAME}`)) => ({ file, store: Store.open(file) });
const PW = 'correct-horse-137';
const T0 = new Date('2026-12-03T08:00:00.000Z');
const later = (ms: number) => new Date(T0.getTime() + ms);

describe('accounts', () => {
  it('creates, lists, disables and resets; refuses a taken username, bad input and disabling the last supervisor', async () => {
    const { store } = open();
    const a = new Accounts(store);
    expect(a.hasSupervisor()).toBe(false);
    await a.create({ username: 'sup-1', displayName: ' مریم احمدی ', role: 'supervisor', password: PW }, T0);
    await a.create({ username: 'op-1', displayName: 'زهرا', role: 'operator', password: PW }, T0);
    expect(a.hasSupervisor()).toBe(true);
    expect(a.list()).toEqual([
      { username: 'op-1', displayName: 'زهرا', role: 'operator', createdAt: T0.toISOString(), disabledAt: null },
      { username: 'sup-1', displayName: 'مریم احمدی', role: 'supervisor', createdAt: T0.toISOString(), disabledAt: null },
    ]);
    await expect(a.create({ username: 'op-1', displayName: 'x', role: 'operator', password: PW })).rejects.toMatchObject({ code: 'exists' });
    await expect(a.create({ username: 'Op 1', displayName: 'x', role: 'operator', password: PW })).rejects.toMatchObject({ code: 'invalid' });
    await expect(a.create({ username: 'op-2', displayName: 'x', role: 'operator', password: 'short' })).rejects.toThrow(/at least 8/);
    expect(() => a.disable('sup-1')).toThrow(AccountError);
    expect(() => a.disable('nobody')).toThrow(/no account/);
    expect(a.disable('op-1', later(1)).disabledAt).toBe(later(1).toISOString());
    await a.resetPassword('sup-1', 'another-password');
    expect((await a.signIn('sup-1', 'another-password')).ok).toBe(true);
    expect(JSON.stringify(a.list())).not.toContain('scrypt');
    store.close();
  });

  it('signs in with the right password only, one refusal for unknown and wrong, and tells a disabled account', async () => {
    const { store } = open();
    const a = new Accounts(store);
    await a.create({ username: 'op-1', displayName: 'زهرا', role: 'operator', password: PW });
    expect(await a.signIn('op-1', PW)).toMatchObject({ ok: true, account: { username: 'op-1', role: 'operator' } });
    expect(await a.signIn('op-1', 'wrong-password')).toEqual({ ok: false, reason: 'bad_credentials', retryAfterMs: null, failures: 1 });
    expect(await a.signIn('ghost', PW)).toEqual({ ok: false, reason: 'bad_credentials', retryAfterMs: null, failures: 1 });
    await a.create({ username: 'sup-1', displayName: 'م', role: 'supervisor', password: PW });
    a.disable('op-1');
    expect(await a.signIn('op-1', PW)).toMatchObject({ ok: false, reason: 'disabled' });
    expect(await a.signIn('op-1', 'wrong-password')).toMatchObject({ ok: false, reason: 'bad_credentials' });
    store.close();
  });

  it('slows a username down after five failures, keeps counting across a reopen, and forgets on success', async () => {
    const { file, store } = open();
    const a = new Accounts(store);
    await a.create({ username: 'op-1', displayName: 'زهرا', role: 'operator', password: PW });
    for (let i = 1; i <= 5; i++) expect(await a.signIn('op-1', `nope-${i}-xxxx`, later(i))).toMatchObject({ reason: 'bad_credentials', failures: i });
    store.close();

    const again = new Accounts(Store.open(file));
    // The sixth attempt, right after the fifth failure, waits 1 s — even with the right password.
    expect(await again.signIn('op-1', PW, later(5))).toEqual({ ok: false, reason: 'throttled', retryAfterMs: 1000, failures: 5 });
    expect(await again.signIn('op-1', 'nope-6-xxxx', later(5 + 1000))).toMatchObject({ reason: 'bad_credentials', failures: 6 });
    expect(await again.signIn('op-1', PW, later(5 + 1000 + 1999))).toMatchObject({ reason: 'throttled', retryAfterMs: 1 });
    expect(await again.signIn('op-1', PW, later(5 + 1000 + 2000))).toMatchObject({ ok: true });
    expect(await again.signIn('op-1', 'nope-7-xxxx', later(10_000))).toMatchObject({ failures: 1 });
  });

  it('keeps wall tokens as hashes only: valid until revoked', () => {
    const { store } = open();
    const a = new Accounts(store);
    const { id, token } = a.createWallToken(T0);
    expect(token).toMatch(/^[\w-]{43}$/);
    expect(a.wallTokenValid(token)).toBe(true);
    expect(a.wallTokenValid(token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A'))).toBe(false);
    const stored = JSON.stringify(store.db.prepare('SELECT * FROM wall_tokens').all());
    expect(stored).not.toContain(token);
    expect(stored).toContain(id);
    a.revokeWallToken(id, later(1));
    expect(a.wallTokenValid(token)).toBe(false);
    expect(a.wallTokens()).toEqual([{ id, createdAt: T0.toISOString(), revokedAt: later(1).toISOString() }]);
    expect(() => a.revokeWallToken(id)).toThrow(/no wall token/);
    store.close();
  });
});
