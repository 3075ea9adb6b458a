// Who may talk to the loopback web shell. Anything on this machine can reach 127.0.0.1, and any web
// page can make the browser send requests to it, so every request needs three things: a loopback
// Host header (defeats DNS rebinding: a foreign name resolving to 127.0.0.1), the per-start secret
// token (first as `?token=`, then as an HttpOnly SameSite=Strict cookie), and for the WebSocket an
// Origin that is our own page (cookies ride along on cross-site WebSocket handshakes).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export interface Access {
  /** The secret; goes only into the URL handed to whoever opens the page. Never log it. */
  readonly token: string;
  /** Our page's origins: what the browser may send as Origin, and the CSP's ws:// sources. */
  readonly origins: readonly string[];
  hostAllowed(req: IncomingMessage): boolean;
  originAllowed(req: IncomingMessage): boolean;
  /**
   * Whether the request carries the token. `setCookie` is the header to answer a valid `?token=`
   * with, so the page's later requests (assets, the WebSocket) are let in by the cookie alone.
   */
  authorise(req: IncomingMessage, url: URL): { ok: boolean; setCookie?: string };
}

export function createAccess(port: number, token: string = randomBytes(32).toString('base64url')): Access {
  const hosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  const origins = hosts.map((h) => `http://${h}`);
  // Cookies are shared by every port of a host: the name carries the port so two shells (operator
  // and wall, or tests) never overwrite each other's.
  const cookieName = `c137_${port}`;
  const expected = Buffer.from(token);
  // Compared as bytes: a candidate of the token's length in characters but not in bytes (non-ASCII)
  // would make timingSafeEqual throw, which in the upgrade handler would take the process down.
  const matches = (candidate: string | undefined | null): boolean => {
    if (typeof candidate !== 'string') return false;
    const given = Buffer.from(candidate);
    return given.length === expected.length && timingSafeEqual(given, expected);
  };

  return {
    token,
    origins,
    hostAllowed: (req) => hosts.includes((req.headers.host ?? '').toLowerCase()),
    originAllowed: (req) => origins.includes(req.headers.origin ?? ''),
    authorise(req, url) {
      const fromQuery = url.searchParams.get('token');
      if (fromQuery !== null) {
        return matches(fromQuery)
          ? { ok: true, setCookie: `${cookieName}=${token}; Path=/; HttpOnly; SameSite=Strict` }
          : { ok: false };
      }
      return { ok: matches(readCookie(req.headers.cookie, cookieName)) };
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
