// A misbehaving local client and the web shell's secrets: what is on Chromium's command line
// (readable by every local user) is a one-time code, useless once used or after its minute; and a
// client that puts a token or a code in its request target never gets it into a log line.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { chromiumAppArgs } from '../../main/cli/chromium';
import { startWebShell, type WebShell } from '../../main/web-shell/server';
import { fixtureHandlers } from '../web-shell/fixture-handlers';
import { ApiSocket, cookieOf, rawGet, rendererDir, resultFor } from '../web-shell/support';

const OPERATOR_TOKEN = 'operator-token-0123456789-abcdefghijklmnopqrstuvwxyz';
const WALL_TOKEN = 'wall-token-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEF';
const CODE_TTL_MS = 400;

let shell: WebShell;
let files: ReturnType<typeof rendererDir>;
const log: string[] = [];
const sockets: ApiSocket[] = [];

beforeAll(async () => {
  files = rendererDir();
  shell = await startWebShell({
    handlers: fixtureHandlers(),
    staticDir: files.dir,
    credentials: [
      { access: 'workstation', token: OPERATOR_TOKEN },
      { access: 'wall', token: WALL_TOKEN },
    ],
    codeTtlMs: CODE_TTL_MS,
    log: (line) => log.push(line),
  });
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await shell.close();
  files.cleanup();
});

const target = (url: string) => {
  const u = new URL(url);
  return u.pathname + u.search;
};

/** What the shell's credential opened for a WebSocket opened with `cookie`, from its session. */
async function accessOf(cookie: string): Promise<unknown> {
  const socket = new ApiSocket(shell.port, cookie);
  sockets.push(socket);
  await socket.open();
  socket.send({ t: 'call', id: 1, call: { kind: 'query', name: 'session', input: {} } });
  const session = (await socket.next(resultFor(1))).result;
  return session.ok ? (session.value as { access: unknown }).access : session;
}

describe('one-time codes', () => {
  it('a code is good once, gives its credential’s access, and leaves the address bar at /', async () => {
    for (const [access, token] of [['workstation', OPERATOR_TOKEN], ['wall', WALL_TOKEN]] as const) {
      const url = shell.oneTimeUrl(access);
      expect(url).toMatch(new RegExp(`^${shell.origin}/\\?code=[\\w-]{43}$`));
      expect(url).not.toContain(token);

      const first = await rawGet(shell.port, target(url));
      expect(first.status).toBe(303);
      expect(first.headers.location).toBe('/');
      expect(first.headers['set-cookie']![0]).toMatch(/HttpOnly; SameSite=Strict/);
      const cookie = cookieOf(first);
      expect((await rawGet(shell.port, '/', { cookie })).body.toString()).toContain('<title>137</title>');
      expect(await accessOf(cookie)).toBe(access);

      const again = await rawGet(shell.port, target(url));
      expect(again.status).toBe(403);
      expect(again.headers['set-cookie']).toBeUndefined();
    }
    expect(new URL(shell.oneTimeUrl()).searchParams.get('code')).not.toBe(new URL(shell.oneTimeUrl()).searchParams.get('code'));
  });

  it('an unused code expires; only a GET spends one; a wrong one is refused', async () => {
    const stale = shell.oneTimeUrl('workstation');
    const fresh = shell.oneTimeUrl('workstation');
    expect((await rawGet(shell.port, target(fresh), {}, 'HEAD')).status).toBe(405);
    const issued = Date.now();
    await new Promise((r) => setTimeout(r, CODE_TTL_MS + 100));
    expect(Date.now() - issued).toBeGreaterThan(CODE_TTL_MS);
    expect((await rawGet(shell.port, target(stale))).status).toBe(403);

    const late = shell.oneTimeUrl('workstation');
    expect((await rawGet(shell.port, target(late), {}, 'HEAD')).status).toBe(405);
    expect((await rawGet(shell.port, target(late))).status).toBe(303); // the HEAD did not spend it
    for (const code of ['', 'x', OPERATOR_TOKEN, 'é'.repeat(43)]) {
      expect((await rawGet(shell.port, `/?code=${encodeURIComponent(code)}`)).status, code).toBe(403);
    }
    // The shell still answers promptly after all of it.
    const asked = Date.now();
    expect((await rawGet(shell.port, `/?token=${OPERATOR_TOKEN}`)).status).toBe(200);
    expect(Date.now() - asked).toBeLessThan(1000);
  });

  it('the demo’s Chromium command line holds a one-time code, never a token', async () => {
    const args = chromiumAppArgs(shell, '/tmp/profile');
    const commandLine = args.join(' ');
    for (const token of [OPERATOR_TOKEN, WALL_TOKEN]) expect(commandLine).not.toContain(token);
    expect(commandLine).not.toMatch(/token=/);
    const app = args.find((a) => a.startsWith('--app='))!.slice('--app='.length);
    expect(app).toMatch(/\/\?code=[\w-]{43}$/);
    expect(args).toContain('--user-data-dir=/tmp/profile');

    // What a local user copies from /proc/PID/cmdline after Chromium started: already spent.
    const opened = await rawGet(shell.port, target(app));
    expect(opened.status).toBe(303);
    expect(await accessOf(cookieOf(opened))).toBe('workstation');
    expect((await rawGet(shell.port, target(app))).status).toBe(403);
  });
});

describe('request targets in log lines', () => {
  it('a token or a code in the path or the query of a refused request is never logged', async () => {
    log.length = 0;
    const code = new URL(shell.oneTimeUrl('wall')).searchParams.get('code')!;
    const percent = [...OPERATOR_TOKEN].map((c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).join('');
    const secrets = [OPERATOR_TOKEN, WALL_TOKEN, code];
    const refusedHttp = [
      `/abc${OPERATOR_TOKEN}`,
      `/${WALL_TOKEN}/index.html`,
      `/assets/${percent}`,
      `/?token=${OPERATOR_TOKEN}x`,
      `/?token=wrong&t=${OPERATOR_TOKEN}`,
      `/x?code=${OPERATOR_TOKEN}`,
      `/index.html?code=${code}x`,
    ];
    for (const t of refusedHttp) expect((await rawGet(shell.port, t)).status, t).toBe(403);
    // Refused for another reason, with a valid secret in the target: a foreign Host, a POST.
    expect((await rawGet(shell.port, `/${OPERATOR_TOKEN}?token=${OPERATOR_TOKEN}`, { host: 'evil.example' })).status).toBe(403);
    expect((await rawGet(shell.port, `/x${WALL_TOKEN}?token=${WALL_TOKEN}`, {}, 'POST')).status).toBe(405);
    for (const path of [`/api${OPERATOR_TOKEN}`, `/api?token=${OPERATOR_TOKEN}`, `/api?code=${code}`]) {
      const status = await new Promise<number>((resolve, reject) => {
        const ws = new WebSocket(`ws://127.0.0.1:${shell.port}${path}`, { headers: { origin: 'http://evil.example' } });
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.on('open', () => resolve(101));
        ws.on('error', reject);
      });
      expect(status, path).toBe(403);
    }

    expect(log.length).toBeGreaterThanOrEqual(refusedHttp.length + 5);
    const logged = log.join('\n');
    for (const secret of secrets) {
      expect(logged).not.toContain(secret);
      expect(decodeURIComponent(logged)).not.toContain(secret);
      // Nor a telling piece of one.
      expect(logged).not.toContain(secret.slice(0, 16));
    }
    expect(logged).not.toContain(percent.slice(0, 48));
    expect(logged).not.toMatch(/token=|code=/);
    // Still says what was refused and why.
    expect(log).toContain('refused GET /…/index.html: no valid token');
    expect(log).toContain('refused GET /?…: no valid token');
    expect(log).toContain('refused WebSocket /api?…: foreign origin');
  });
});
