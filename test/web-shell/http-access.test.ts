// The web shell's door: a real server on 127.0.0.1 and raw HTTP/WebSocket clients.
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startWebShell, type WebShell } from '../../main/web-shell/server';
import { fixtureHandlers } from './fixture-handlers';
import { cookieOf, rawGet, rendererDir } from './support';

let shell: WebShell;
let files: ReturnType<typeof rendererDir>;
let cookie: string;
const refusals: string[] = [];
const tiles = new Map([['14/10570/6703', new Uint8Array([0x1a, 0x02, 0x78, 0x02])]]);

beforeAll(async () => {
  files = rendererDir();
  shell = await startWebShell({
    handlers: fixtureHandlers(),
    staticDir: files.dir,
    basemap: { tile: (z, x, y) => tiles.get(`${z}/${x}/${y}`) ?? null },
    log: (line) => refusals.push(line),
  });
  cookie = cookieOf(await rawGet(shell.port, new URL(shell.url).pathname + new URL(shell.url).search));
});
afterAll(async () => {
  await shell.close();
  files.cleanup();
});

const token = () => new URL(shell.url).searchParams.get('token')!;

/** Resolves with the HTTP status of a refused upgrade, or 101 when the socket opened. */
function upgradeStatus(headers: Record<string, string>, path = '/api'): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${shell.port}${path}`, { headers });
    ws.on('open', () => {
      ws.terminate();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', reject);
  });
}

describe('web shell access', () => {
  it('is on loopback and hands out a token URL', () => {
    expect(shell.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{43}$/);
    expect(shell.origin).toBe(`http://127.0.0.1:${shell.port}`);
  });

  it('refuses the page, assets and tiles without the token', async () => {
    for (const target of ['/', '/index.html', '/assets/app.js', '/basemap/14/10570/6703.pbf', '/nothing']) {
      const res = await rawGet(shell.port, target);
      expect(res.status, target).toBe(403);
      expect(res.body.toString()).not.toContain('<title>');
    }
    expect((await rawGet(shell.port, '/?token=wrong')).status).toBe(403);
    expect((await rawGet(shell.port, '/', { cookie: 'c137_1=nope' })).status).toBe(403);
    expect(refusals.join('\n')).not.toContain(token());
  });

  it('with the token: 200, an HttpOnly SameSite=Strict cookie and a strict CSP', async () => {
    const res = await rawGet(shell.port, `/?token=${token()}`);
    expect(res.status).toBe(200);
    expect(res.body.toString()).toContain('<title>137</title>');
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const setCookie = res.headers['set-cookie']![0];
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    const csp = res.headers['content-security-policy'] as string;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${shell.port}`);
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe-eval/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
  });

  it('lets the cookie alone in afterwards, with the right MIME types', async () => {
    const types: Record<string, string> = {
      '/assets/app.js': 'text/javascript; charset=utf-8',
      '/assets/worker.mjs': 'text/javascript; charset=utf-8',
      '/assets/m.wasm': 'application/wasm',
      '/assets/vazirmatn.woff2': 'font/woff2',
      '/assets/font.ttf': 'font/ttf',
      '/assets/glyphs.pbf': 'application/x-protobuf',
    };
    for (const [target, type] of Object.entries(types)) {
      const res = await rawGet(shell.port, target, { cookie });
      expect(res.status, target).toBe(200);
      expect(res.headers['content-type'], target).toBe(type);
      expect(res.headers['content-security-policy']).toBeTruthy();
    }
  });

  it('refuses a non-loopback Host even with the cookie (DNS rebinding)', async () => {
    for (const host of ['evil.example:80', `attacker.test:${shell.port}`, '127.0.0.1', `127.0.0.1:${shell.port + 1}`]) {
      expect((await rawGet(shell.port, '/', { cookie, host })).status, host).toBe(403);
    }
    expect((await rawGet(shell.port, '/', { cookie, host: `localhost:${shell.port}` })).status).toBe(200);
  });

  it('refuses path traversal, symlinks out, directories and other methods', async () => {
    const refused = [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      '/..%5csecret.txt',
      '/assets/link.txt',
      '/assets',
      '/assets/',
      '/%00index.html',
      '/%E0%A4%A',
    ];
    for (const target of refused) {
      const res = await rawGet(shell.port, target, { cookie });
      expect([400, 404], target).toContain(res.status);
      expect(res.body.toString(), target).not.toContain('secret');
    }
    expect((await rawGet(shell.port, '/', { cookie }, 'POST')).status).toBe(405);
    expect((await rawGet(shell.port, '/', { cookie }, 'HEAD')).status).toBe(200);
  });

  it('serves basemap tiles: bytes, empty (204), and 404 off the tile grid', async () => {
    const tile = await rawGet(shell.port, '/basemap/14/10570/6703.pbf', { cookie });
    expect(tile.status).toBe(200);
    expect(tile.headers['content-type']).toBe('application/x-protobuf');
    expect([...tile.body]).toEqual([0x1a, 0x02, 0x78, 0x02]);
    expect((await rawGet(shell.port, '/basemap/14/10571/6703.pbf', { cookie })).status).toBe(204);
    expect((await rawGet(shell.port, '/basemap/2/4/0.pbf', { cookie })).status).toBe(404);
  });

  it('sends stored-gzipped tiles as they are, with their Content-Encoding', async () => {
    const plain = Buffer.from('vector tile bytes');
    const gz = await startWebShell({
      handlers: fixtureHandlers(),
      staticDir: files.dir,
      basemap: { tile: () => gzipSync(plain), contentEncoding: 'gzip' },
      log: () => {},
    });
    try {
      const login = await rawGet(gz.port, `/?token=${new URL(gz.url).searchParams.get('token')}`);
      const res = await rawGet(gz.port, '/basemap/0/0/0.pbf', { cookie: cookieOf(login) });
      expect(res.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(res.body)).toEqual(plain);
    } finally {
      await gz.close();
    }
  });

  it('refuses the WebSocket without cookie, from another origin or host, or off /api', async () => {
    const origin = shell.origin;
    expect(await upgradeStatus({ origin })).toBe(403);
    expect(await upgradeStatus({ origin, cookie: 'c137_0=x' })).toBe(403);
    expect(await upgradeStatus({ origin: 'http://evil.example', cookie })).toBe(403);
    expect(await upgradeStatus({ cookie })).toBe(403);
    expect(await upgradeStatus({ origin, cookie, host: `evil.example:${shell.port}` })).toBe(403);
    expect(await upgradeStatus({ origin, cookie }, '/other')).toBe(403);
    expect(await upgradeStatus({ origin, cookie })).toBe(101);
    expect(await upgradeStatus({ origin }, `/api?token=${token()}`)).toBe(101);
  });

  it('refuses a token of the right length in characters but not in bytes, and keeps serving', async () => {
    const wide = encodeURIComponent('é'.repeat(token().length));
    expect((await rawGet(shell.port, `/?token=${wide}`)).status).toBe(403);
    expect(await upgradeStatus({ origin: shell.origin }, `/api?token=${wide}`)).toBe(403);
    expect((await rawGet(shell.port, `/?token=${token()}`)).status).toBe(200);
  });
});
