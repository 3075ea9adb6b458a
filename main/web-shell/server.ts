// The loopback web shell: the core's API and the built renderer over HTTP + WebSocket on
// 127.0.0.1, for browsers (tests, the demo without Electron, wall displays). Same API as the
// Electron shell's IPC; see ./access.ts for who gets in.
import { createReadStream } from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { WebSocketServer } from 'ws';
import { WS_MAX_MESSAGE_BYTES, WS_PATH } from '../../common/api/bridge';
import type { Access } from '../../common/api/contract';
import type { ApiHandlers } from '../../common/api/rpc';
import { createAccess, loggableTarget, SECRET_SHAPE, type Credential, type WallTokenCheck } from './access';
import { serveApiSocket } from './api-socket';
import { contentSecurityPolicy, parseTilePath, resolveAsset, securityHeaders, type BasemapTiles } from './assets';

export interface WebShellOptions {
  handlers: ApiHandlers;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  /** 0 or absent: any free port. */
  port?: number;
  /** Serves GET /basemap/{z}/{x}/{y}.pbf when present. */
  basemap?: BasemapTiles | null;
  /**
   * The ways in, one per access (a connection's caller gets the access of the token it came with:
   * a workstation, where people sign in, or the wall); default: one workstation credential. A token left out is a fresh random one per start: pass the
   * previous one (with the same `port`) to let pages that are already open reconnect after a
   * restart. Keep them secret.
   */
  credentials?: Credential[];
  /** Also let in a wall with one of these lasting tokens (the accounts' wall tokens). */
  wallToken?: WallTokenCheck;
  /** How long a one-time code (`oneTimeUrl`) stays good when it is never used; default 60 s. */
  codeTtlMs?: number;
  /** Refusals and socket trouble; lines never contain a token or a code, nor any query. Default: stderr. */
  log?: (line: string) => void;
}

export interface WebShell {
  /** http://127.0.0.1:PORT/?token=… of the first credential — hand it only to the person or browser that opens it, never on a command line. */
  url: string;
  /** The same for each credential's access. */
  urls: Partial<Record<Access, string>>;
  /**
   * http://127.0.0.1:PORT/?code=… for the credential of `access` (default: the first one's): good
   * once, for a short while, then useless — for where a URL is seen by others, such as a browser's
   * command line. Opening it sets the cookie and redirects to `/`.
   */
  oneTimeUrl(access?: Access): string;
  origin: string;
  port: number;
  close(): Promise<void>;
}

export async function startWebShell(o: WebShellOptions): Promise<WebShell> {
  const log = o.log ?? ((line: string) => console.warn(`[web-shell] ${line}`));
  const credentials = o.credentials ?? [{ access: 'workstation' }];
  for (const { token } of credentials) {
    if (token !== undefined && !SECRET_SHAPE.test(token)) throw new Error('web shell token: 32 to 256 URL-safe characters');
  }
  const server = http.createServer();
  const wss = new WebSocketServer({ noServer: true, maxPayload: WS_MAX_MESSAGE_BYTES });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const access = createAccess(port, credentials, o.codeTtlMs, o.wallToken);
  const headers = securityHeaders(contentSecurityPolicy(access.origins.map((origin) => origin.replace(/^http:/, 'ws:'))));
  const origin = `http://127.0.0.1:${port}`;
  let connections = 0;

  function deny(res: ServerResponse, status: number, reason: string, req: IncomingMessage, url: URL | null): void {
    // A missing file is routine (favicon.ico); refusals are what an operator may need to see.
    if (status !== 404) log(`refused ${req.method} ${loggableTarget(url)}: ${reason}`);
    res.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(`${status}\n`);
  }

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = parseRequestUrl(req.url);
    if (!access.hostAllowed(req)) return deny(res, 403, 'host is not loopback', req, url);
    if (!url) return deny(res, 400, 'bad request target', req, url);
    if (url.searchParams.has('code')) return exchangeCode(req, res, url);
    const auth = access.authorise(req, url);
    if (!auth.ok) return deny(res, 403, 'no valid token', req, url);
    if (req.method !== 'GET' && req.method !== 'HEAD') return deny(res, 405, 'method', req, url);
    const extra: Record<string, string> = auth.setCookie ? { 'Set-Cookie': auth.setCookie } : {};

    const tile = parseTilePath(url.pathname);
    if (tile) {
      if (!o.basemap) return deny(res, 404, 'no basemap', req, url);
      const bytes = o.basemap.tile(tile.z, tile.x, tile.y);
      // 204: a tile with nothing in it; MapLibre draws it empty instead of reporting an error.
      if (!bytes) return void res.writeHead(204, { ...headers, ...extra }).end();
      res.writeHead(200, {
        ...headers,
        ...extra,
        'Content-Type': 'application/x-protobuf',
        'Content-Length': bytes.byteLength,
        ...(o.basemap.contentEncoding ? { 'Content-Encoding': o.basemap.contentEncoding } : {}),
      });
      return void res.end(req.method === 'HEAD' ? undefined : bytes);
    }

    const asset = await resolveAsset(o.staticDir, url.pathname);
    if (!asset) return deny(res, 404, 'no such file', req, url);
    res.writeHead(200, { ...headers, ...extra, 'Content-Type': asset.type, 'Content-Length': asset.size });
    if (req.method === 'HEAD') return void res.end();
    await pipeline(createReadStream(asset.file), res);
  }

  /** A one-time code for the cookie, then `/`: the spent code leaves the address bar and history. */
  function exchangeCode(req: IncomingMessage, res: ServerResponse, url: URL): void {
    // Only a page load spends a code (not a HEAD or a prefetch by another method).
    if (req.method !== 'GET') return deny(res, 405, 'method', req, url);
    const spent = access.redeem(url.searchParams.get('code')!);
    if (!spent) return deny(res, 403, 'no valid one-time code', req, url);
    res.writeHead(303, { ...headers, 'Set-Cookie': spent.setCookie, Location: '/', 'Content-Length': 0 }).end();
  }

  server.on('request', (req, res) => {
    serve(req, res).catch((err: unknown) => {
      // A client that went away mid-file is routine; anything else is a fault worth a line.
      if ((err as NodeJS.ErrnoException).code !== 'ERR_STREAM_PREMATURE_CLOSE') {
        log(`request failed: ${err instanceof Error ? err.message : String(err)}`);
      }
      if (!res.headersSent) res.writeHead(500, headers).end();
      else res.destroy();
    });
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const url = parseRequestUrl(req.url);
    const refuse = (reason: string): void => {
      log(`refused WebSocket ${loggableTarget(url)}: ${reason}`);
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    };
    if (!access.hostAllowed(req)) return refuse('host is not loopback');
    if (!url || url.pathname !== WS_PATH) return refuse('not the API endpoint');
    if (!access.originAllowed(req)) return refuse('foreign origin');
    const auth = access.authorise(req, url);
    if (!auth.ok) return refuse('no valid token');
    // Each connection is its own session: two pages of one shell may hold different accounts.
    const caller = { access: auth.access, session: `ws:${++connections}` };
    wss.handleUpgrade(req, socket, head, (ws) => serveApiSocket(ws, o.handlers, caller, log));
  });

  const urls: Partial<Record<Access, string>> = {};
  for (const c of [...access.credentials].reverse()) urls[c.access] = `${origin}/?token=${c.token}`;
  return {
    url: `${origin}/?token=${access.credentials[0].token}`,
    urls,
    oneTimeUrl: (kind = access.credentials[0].access) => `${origin}/?code=${access.issueCode(kind)}`,
    origin,
    port,
    async close() {
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The request target as a URL on our origin; absolute-form or unparsable targets give null. */
function parseRequestUrl(target: string | undefined): URL | null {
  if (!target?.startsWith('/')) return null;
  try {
    return new URL(`http://127.0.0.1${target}`);
  } catch {
    return null;
  }
}
