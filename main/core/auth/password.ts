// Password hashes: scrypt from Node's own crypto (no native add-on to rebuild for Electron), a
// fresh salt per hash, and the parameters written into the stored string, so they can be raised
// later and older hashes still verify. docs/accounts.md gives the choice and the measured cost.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export const SCRYPT_PARAMS = { N: 2 ** 15, r: 8, p: 1, keyLength: 32, saltLength: 16 } as const;

const derive = (password: string, salt: Buffer, keyLength: number, o: ScryptOptions): Promise<Buffer> =>
  new Promise((resolve, reject) => scrypt(password.normalize('NFC'), salt, keyLength, o, (err, key) => (err ? reject(err) : resolve(key))));

/** scrypt needs 128·N·r bytes; Node's default ceiling (32 MiB) is exactly N=2^15, r=8: leave room. */
const maxmem = (N: number, r: number) => 256 * N * r;

/** `scrypt$<log2 N>$<r>$<p>$<salt, base64>$<key, base64>` */
export async function hashPassword(password: string): Promise<string> {
  const { N, r, p, keyLength, saltLength } = SCRYPT_PARAMS;
  const salt = randomBytes(saltLength);
  const key = await derive(password, salt, keyLength, { N, r, p, maxmem: maxmem(N, r) });
  return ['scrypt', Math.log2(N), r, p, salt.toString('base64'), key.toString('base64')].join('$');
}

const STORED = /^scrypt\$(\d{1,2})\$(\d{1,2})\$(\d{1,2})\$([A-Za-z0-9+/=]{8,})\$([A-Za-z0-9+/=]{16,})$/;

/** Whether `password` is the one `stored` was made from; false (never a throw) for a malformed string. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const m = STORED.exec(stored);
  if (!m) return false;
  const [logN, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // Bounds that keep a tampered string from asking for gigabytes or hours.
  if (logN < 10 || logN > 20 || r < 1 || r > 16 || p < 1 || p > 4) return false;
  const salt = Buffer.from(m[4], 'base64');
  const expected = Buffer.from(m[5], 'base64');
  try {
    const key = await derive(password, salt, expected.length, { N: 2 ** logN, r, p, maxmem: maxmem(2 ** logN, r) });
    return timingSafeEqual(key, expected);
  } catch {
    return false;
  }
}
