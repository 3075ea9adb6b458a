// Password hashes and the sign-in throttle: pure modules, real scrypt.
import { scryptSync, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashPassword, SCRYPT_PARAMS, verifyPassword } from '../../main/core/auth/password';
import { MAX_DELAY_MS, retryAfterMs, signInDelayMs } from '../../main/core/auth/throttle';

describe('password hashes', () => {
  it('writes its parameters and a fresh salt into each hash', async () => {
    const [a, b] = [await hashPassword('correct-horse'), await hashPassword('correct-horse')];
    expect(a).toMatch(/^scrypt\$15\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    expect(Math.log2(SCRYPT_PARAMS.N)).toBe(15);
    expect(a.split('$')[4]).not.toBe(b.split('$')[4]);
    expect(a).not.toBe(b);
  });

  it('verifies the password and nothing else; a tampered or malformed string is false, not a throw', async () => {
    const h = await hashPassword('زهرا-۱۳۷-pass');
    expect(await verifyPassword('زهرا-۱۳۷-pass', h)).toBe(true);
    expect(await verifyPassword('زهرا-137-pass', h)).toBe(false);
    const parts = h.split('$');
    const key = Buffer.from(parts[5], 'base64');
    key[0] ^= 1;
    expect(await verifyPassword('زهرا-۱۳۷-pass', [...parts.slice(0, 5), key.toString('base64')].join('$'))).toBe(false);
    for (const bad of ['', 'plain', 'scrypt$15$8$1$$', 'scrypt$40$8$1$AAAAAAAAAAA=$AAAAAAAAAAAAAAAAAAAAAA==', 'bcrypt$2b$...']) {
      expect(await verifyPassword('x', bad), bad).toBe(false);
    }
  });

  it('still verifies a hash made with other (older, lower) parameters', async () => {
    const salt = randomBytes(16);
    const key = scryptSync('old-password', salt, 32, { N: 2 ** 14, r: 8, p: 1 });
    expect(await verifyPassword('old-password', `scrypt$14$8$1$${salt.toString('base64')}$${key.toString('base64')}`)).toBe(true);
  });
});

describe('sign-in throttle', () => {
  it('lets five failures through, then doubles the wait from one second up to fifteen minutes', () => {
    expect([0, 4].map(signInDelayMs)).toEqual([0, 0]);
    expect([5, 6, 7, 8].map(signInDelayMs)).toEqual([1000, 2000, 4000, 8000]);
    expect(signInDelayMs(14)).toBe(512_000);
    expect(signInDelayMs(15)).toBe(MAX_DELAY_MS);
    expect(signInDelayMs(1000)).toBe(MAX_DELAY_MS);
  });

  it('counts the wait from the last failure', () => {
    const last = '2026-12-03T10:00:00.000Z';
    const at = (ms: number) => new Date(Date.parse(last) + ms);
    expect(retryAfterMs({ failures: 4, lastFailedAt: last }, at(0))).toBe(0);
    expect(retryAfterMs({ failures: 6, lastFailedAt: last }, at(500))).toBe(1500);
    expect(retryAfterMs({ failures: 6, lastFailedAt: last }, at(2000))).toBe(0);
    expect(retryAfterMs({ failures: 6, lastFailedAt: null }, at(0))).toBe(0);
  });
});
