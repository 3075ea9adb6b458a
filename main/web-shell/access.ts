// Who may talk to the loopback web shell. Anything on this machine can reach 127.0.0.1, and any web
// page can make the browser send requests to it, so every request needs three things: a loopback
// Host header (defeats DNS rebinding: a foreign name resolving to 127.0.0.1), a secret token
// (first as `?token=` or a one-time `?code=`, then as an HttpOnly SameSite=Strict cookie), and for
// the WebSocket an Origin that is our own page (cookies ride along on cross-site WebSocket
// handshakes). Each token is a credential for what it opens (a workstation, where people then sign
// in with their accounts, or the read-only wall): the access a connection's caller gets. A wall may
// also come with a lasting token made by `npm run accounts -- wall-token`, checked by the core's
// accounts (only its hash is stored), so a wall's address survives restarts. A one-time code stands in for a token where a URL is seen by others — a browser
// started with it on its command line, which every local user can read in /proc: it is spent on
// first use, and expires soon if never used.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Access as AccessKind } from '../../common/api/contract';

/** One way in: what it opens and its secret (default: a fresh random one per start). */
export interface Credential {
  access: AccessKind;
  token?: string;
}

export type Authorised = { ok: true; access: AccessKind; setCookie?: string } | { ok: false };

/** Whether a token is one of the wall's lasting tokens (the accounts' wall tokens). */
export type WallTokenCheck = (token: string) => boolean;

export interface Access {
  /** The secrets, in the order given; each goes only into the URL handed to whoever opens that page. Never log them. */
  readonly credentials: readonly Required<Credential>[];
  /** Our page's origins: what the browser may send as Origin, and the CSP's ws:// sources. */
  readonly origins: readonly string[];
  hostAllowed(req: IncomingMessage): boolean;
  originAllowed(req: IncomingMessage): boolean;
  /**
   * Whether the request carries a token, and what it opens. `setCookie` is the header to answer a
   * valid `?token=` with, so the page's later requests (assets, the WebSocket) are let in by the
   * cookie alone. One cookie per port: a browser profile holds one credential of a shell at a time.
   */
  authorise(req: IncomingMessage, url: URL): Authorised;
  /** A fresh one-time code for the (first) credential of `access`. */
  issueCode(access: AccessKind): string;
  /** The access and cookie of a code issued and neither spent nor expired; spends it. */
  redeem(code: string): { access: AccessKind; setCookie: string } | null;
}

/** How long a one-time code stays good when it is never used: enough for a browser to start. */
export const CODE_TTL_MS = 60_000;

export function createAccess(port: number, given: readonly Credential[], codeTtlMs = CODE_TTL_MS, wallToken?: WallTokenCheck): Access {
  if (given.length === 0) throw new Error('web shell: at least one credential');
  const credentials = given.map((c) => ({ access: c.access, token: c.token ?? randomBytes(32).toString('base64url') }));
  if (new Set(credentials.map((c) => c.token)).size < credentials.length) throw new Error('web shell: credentials need distinct tokens');
  const hosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  const origins = hosts.map((h) => `http://${h}`);
  // Cookies are shared by every port of a host: the name carries the port so two shells (operator
  // and wall, or tests) never overwrite each other's.
  const cookieName = `c137_${port}`;
  const expected = credentials.map((c) => ({ ...c, bytes: Buffer.from(c.token) }));
  const match = (candidate: string | undefined | null): Required<Credential> | undefined => {
    const found = findSecret(expected, candidate);
    if (found) return found;
    // Checked by hash against the core's store: the lasting token itself is never kept here.
    if (wallToken && typeof candidate === 'string' && SECRET_SHAPE.test(candidate) && wallToken(candidate)) {
      return { access: 'wall', token: candidate };
    }
    return undefined;
  };
  const cookieFor = (token: string) => `${cookieName}=${token}; Path=/; HttpOnly; SameSite=Strict`;
  // Issued codes, each for one credential, until spent or expired.
  let codes: Array<{ bytes: Buffer; credential: Required<Credential>; expires: number }> = [];
  // Expired codes go whenever codes are touched, so unredeemed ones never pile up.
  const pruneCodes = () => {
    const now = Date.now();
    codes = codes.filter((c) => c.expires > now);
  };

  return {
    credentials,
    origins,
    hostAllowed: (req) => hosts.includes((req.headers.host ?? '').toLowerCase()),
    originAllowed: (req) => origins.includes(req.headers.origin ?? ''),
    authorise(req, url) {
      const fromQuery = url.searchParams.get('token');
      if (fromQuery !== null) {
        const found = match(fromQuery);
        return found ? { ok: true, access: found.access, setCookie: cookieFor(found.token) } : { ok: false };
      }
      const found = match(readCookie(req.headers.cookie, cookieName));
      return found ? { ok: true, access: found.access } : { ok: false };
    },
    issueCode(access) {
      const credential = credentials.find((c) => c.access === access);
      if (!credential) throw new Error(`web shell: no ${access} credential`);
      const code = randomBytes(32).toString('base64url');
      pruneCodes();
      codes.push({ bytes: Buffer.from(code), credential, expires: Date.now() + codeTtlMs });
      return code;
    },
    redeem(code) {
      pruneCodes();
      const found = findSecret(codes, code);
      if (!found) return null;
      codes = codes.filter((c) => c !== found);
      return { access: found.credential.access, setCookie: cookieFor(found.credential.token) };
    },
  };
}

/**
 * The entry whose secret is `candidate`, compared in constant time. Compared as bytes: a candidate
 * of the secret's length in characters but not in bytes (non-ASCII) would make timingSafeEqual
 * throw, which in the upgrade handler would take the process down.
 */
function findSecret<T extends { bytes: Buffer }>(entries: readonly T[], candidate: string | undefined | null): T | undefined {
  if (typeof candidate !== 'string') return undefined;
  const bytes = Buffer.from(candidate);
  return entries.find((e) => bytes.length === e.bytes.length && timingSafeEqual(bytes, e.bytes));
}

/** What a web-shell token looks like (the shell refuses to be given any other). */
export const SECRET_SHAPE = /^[\w-]{32,256}$/;

// What a token or a code is made of (base64url), percent-encoded or not, at the length of a secret.
const SECRET_LIKE = /(?:[\w-]|%[0-9a-f]{2}){16,}/gi;
const MAX_LOGGED_PATH = 120;

/**
 * What of a request target may be logged. A client may put a secret anywhere in it (`/abc<token>`,
 * `?token=`, `?code=`): only the path is kept, never the query, and every long run of secret-like
 * characters in it is masked. Paths are percent-encoded by the URL parser, so no control
 * character reaches a log line.
 */
export function loggableTarget(url: URL | null): string {
  if (!url) return '(unreadable)';
  const path = url.pathname.replace(SECRET_LIKE, '…');
  return (path.length > MAX_LOGGED_PATH ? `${path.slice(0, MAX_LOGGED_PATH)}…` : path) + (url.search ? '?…' : '');
}

function readCookie(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}
