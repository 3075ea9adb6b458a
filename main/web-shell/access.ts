// Who may talk to the loopback web shell. Anything on this machine can reach 127.0.0.1, and any web
// page can make the browser send requests to it, so every request needs three things: a loopback
// Host header (defeats DNS rebinding: a foreign name resolving to 127.0.0.1), a secret token
// (first as `?token=`, then as an HttpOnly SameSite=Strict cookie), and for the WebSocket an
// Origin that is our own page (cookies ride along on cross-site WebSocket handshakes). Each token
// is a credential for one role (operator, wall): the role a connection's caller gets.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Role } from '../../common/api/contract';

/** One way in: its role and its secret (default: a fresh random one per start). */
export interface Credential {
  role: Role;
  token?: string;
}

export type Authorised = { ok: true; role: Role; setCookie?: string } | { ok: false };

export interface Access {
  /** The secrets, in the order given; each goes only into the URL handed to whoever opens that page. Never log them. */
  readonly credentials: readonly Required<Credential>[];
  /** Our page's origins: what the browser may send as Origin, and the CSP's ws:// sources. */
  readonly origins: readonly string[];
  hostAllowed(req: IncomingMessage): boolean;
  originAllowed(req: IncomingMessage): boolean;
  /**
   * Whether the request carries a token, and whose role it is. `setCookie` is the header to answer a
   * valid `?token=` with, so the page's later requests (assets, the WebSocket) are let in by the
   * cookie alone. One cookie per port: a browser profile holds one credential of a shell at a time.
   */
  authorise(req: IncomingMessage, url: URL): Authorised;
}

export function createAccess(port: number, given: readonly Credential[]): Access {
  if (given.length === 0) throw new Error('web shell: at least one credential');
  const credentials = given.map((c) => ({ role: c.role, token: c.token ?? randomBytes(32).toString('base64url') }));
  if (new Set(credentials.map((c) => c.token)).size < credentials.length) throw new Error('web shell: credentials need distinct tokens');
  const hosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  const origins = hosts.map((h) => `http://${h}`);
  // Cookies are shared by every port of a host: the name carries the port so two shells (operator
  // and wall, or tests) never overwrite each other's.
  const cookieName = `c137_${port}`;
  const expected = credentials.map((c) => ({ role: c.role, token: c.token, bytes: Buffer.from(c.token) }));
  // Compared as bytes: a candidate of the token's length in characters but not in bytes (non-ASCII)
  // would make timingSafeEqual throw, which in the upgrade handler would take the process down.
  const match = (candidate: string | undefined | null) => {
    if (typeof candidate !== 'string') return undefined;
    const bytes = Buffer.from(candidate);
    return expected.find((e) => bytes.length === e.bytes.length && timingSafeEqual(bytes, e.bytes));
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
        return found
          ? { ok: true, role: found.role, setCookie: `${cookieName}=${found.token}; Path=/; HttpOnly; SameSite=Strict` }
          : { ok: false };
      }
      const found = match(readCookie(req.headers.cookie, cookieName));
      return found ? { ok: true, role: found.role } : { ok: false };
    },
  };
}

function readCookie(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}
