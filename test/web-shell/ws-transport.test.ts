// The renderer's transport in real Chromium against a real web shell: the page is a bundle of
// renderer/src/api (the same code the app ships), served under the shell's CSP.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebShell, type WebShell } from '../../main/web-shell/server';
import { launchChromium } from '../support/browser';
import { tempDir } from '../support/temp';
import { fixtureHandlers } from './fixture-handlers';

const ROOT = path.resolve(import.meta.dirname, '../..');
// What the page does: take the client the app would take, and record what it hears.
const PAGE_SCRIPT = `
import { getApiClient } from './renderer/src/api/index';
const t = window;
t.violations = [];
document.addEventListener('securitypolicyviolation', (e) => t.violations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber));
t.client = getApiClient();
t.batches = [];
t.client.subscribe('live', (b) => t.batches.push(b), (m) => t.batches.push({ invalid: m }));
t.attempt = (fn) => fn().then((value) => ({ value }), (err) => ({ code: err.code, message: err.message }));
`;

type PageWindow = Window & {
  client: import('../../common/api/rpc').ApiClient;
  batches: Array<{ reset?: boolean; requests?: Array<{ id: string; status: string }>; invalid?: string }>;
  violations: string[];
  attempt<T>(fn: () => Promise<T>): Promise<{ value?: T; code?: string; message?: string }>;
};

let browser: Browser;
let page: Page;
let shell: WebShell;
let tmp: ReturnType<typeof tempDir>;
let staticDir: string;

beforeAll(async () => {
  tmp = tempDir('c137-transport-');
  staticDir = path.join(tmp.dir, 'renderer');
  mkdirSync(staticDir);
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><meta charset="utf-8"><script type="module" src="/app.js"></script>');
  await build({
    stdin: { contents: PAGE_SCRIPT, resolveDir: ROOT, loader: 'ts' },
    bundle: true,
    format: 'esm',
    outfile: path.join(staticDir, 'app.js'),
    logLevel: 'silent',
  });
  shell = await startWebShell({ handlers: fixtureHandlers(), staticDir, log: () => {} });
  browser = await launchChromium();
  page = await browser.newPage();
  await page.goto(shell.url);
  await page.waitForFunction(() => 'client' in window);
});

afterAll(async () => {
  await browser?.close();
  await shell?.close();
  tmp?.cleanup();
});

describe('renderer WebSocket transport', () => {
  it('picks the WebSocket (no preload bridge) and takes the token out of the address bar', async () => {
    expect(await page.evaluate(() => 'console137' in window)).toBe(false);
    expect(new URL(page.url()).searchParams.has('token')).toBe(false);
  });

  it('opens from a one-time code as the demo’s app window does: cookie, then `/`; the code is spent', async () => {
    const url = shell.oneTimeUrl();
    const contexts = [await browser.newContext(), await browser.newContext()];
    try {
      const app = await contexts[0].newPage();
      expect((await app.goto(url))?.status()).toBe(200);
      expect(app.url()).toBe(`${shell.origin}/`);
      await app.waitForFunction(() => 'client' in window);
      const boot = await app.evaluate(() => (window as unknown as PageWindow).client.query('bootstrap', {}));
      expect(boot.role).toBe('operator');
      await app.reload();
      await app.waitForFunction(() => 'client' in window);

      const copied = await contexts[1].newPage();
      expect((await copied.goto(url))?.status()).toBe(403);
    } finally {
      for (const c of contexts) await c.close();
    }
  });

  it('runs queries and commands, with the core’s errors as ApiErrors', async () => {
    const boot = await page.evaluate(() => (window as unknown as PageWindow).client.query('bootstrap', {}));
    expect(boot.requests.map((r) => r.id)).toEqual(['r-1', 'r-2', 'r-3']);
    const missing = await page.evaluate(() => {
      const w = window as unknown as PageWindow;
      return w.attempt(() => w.client.query('requestDetail', { id: 'r-404' }));
    });
    expect(missing).toMatchObject({ code: 'not_found' });
    const invalid = await page.evaluate(() => {
      const w = window as unknown as PageWindow;
      return w.attempt(() => w.client.command('submit', { type: 'request.acknowledge', data: {} } as never));
    });
    expect(invalid).toMatchObject({ code: 'invalid_input' });
  });

  it('delivers live batches, validated by the client', async () => {
    await page.evaluate(() => (window as unknown as PageWindow).client.command('submit', { type: 'request.acknowledge', data: { id: 'r-2' } }));
    await page.waitForFunction(() => (window as unknown as PageWindow).batches.some((b) => b.requests?.some((r) => r.id === 'r-2')));
    const batches = await page.evaluate(() => (window as unknown as PageWindow).batches);
    expect(batches.find((b) => b.requests?.length)?.requests).toEqual([expect.objectContaining({ id: 'r-2', status: 'acknowledged' })]);
    expect(batches.some((b) => b.invalid)).toBe(false);
  });

  it('refuses an oversized call locally, keeping the connection', async () => {
    const big = await page.evaluate(() => {
      const w = window as unknown as PageWindow;
      return w.attempt(() => w.client.query('requestDetail', { id: 'x'.repeat(2_000_000) }));
    });
    expect(big).toMatchObject({ code: 'bad_call' });
    const boot = await page.evaluate(() => (window as unknown as PageWindow).client.query('bootstrap', {}));
    expect(boot.role).toBe('operator');
  });

  it('fails calls while the shell is down, then reconnects, re-subscribes and resyncs', async () => {
    const { port } = shell;
    const token = new URL(shell.url).searchParams.get('token')!;
    await shell.close();
    const down = await page.evaluate(() => {
      const w = window as unknown as PageWindow;
      return w.attempt(() => w.client.query('bootstrap', {}));
    });
    expect(down).toMatchObject({ code: 'unavailable' });

    const handlers = fixtureHandlers();
    shell = await startWebShell({ handlers, staticDir, port, credentials: [{ access: 'workstation', token }], log: () => {} });
    await page.waitForFunction(() => (window as unknown as PageWindow).batches.some((b) => b.reset === true), undefined, { timeout: 15_000 });
    await expect.poll(() => handlers.listenerCount()).toBe(1);
    const boot = await page.evaluate(() => (window as unknown as PageWindow).client.query('bootstrap', {}));
    expect(boot.requests.every((r) => r.status === 'new')).toBe(true);
  });

  it('ran under the shell’s CSP without a violation', async () => {
    expect(await page.evaluate(() => (window as unknown as PageWindow).violations)).toEqual([]);
  });
});
