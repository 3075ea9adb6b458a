// Look at the renderer: build the harness, open it in Debian Chromium at workstation and wall
// sizes, in Persian and English, and write PNGs to a temp directory (never into the repo).
//   npx tsx test/renderer/harness/screenshots.ts [outDir]
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import { launchChromium } from '../../support/browser';
import { serveDir } from './serve';
import { harnessConfig } from './harnessConfig';

const out = process.argv[2] ?? path.join(tmpdir(), 'c137-shots');
const dist = path.join(tmpdir(), 'c137-harness');
mkdirSync(out, { recursive: true });
await build(harnessConfig(dist));
const { url, server } = await serveDir(dist);
const browser = await launchChromium();

interface Shot {
  name: string;
  query: string;
  locale: 'fa' | 'en';
  width: number;
  height: number;
  act?: (page: import('playwright-core').Page) => Promise<void>;
}

const shots: Shot[] = [
  {
    name: 'operator-fa', query: '', locale: 'fa', width: 1920, height: 1080,
    act: async (page) => {
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await page.keyboard.press('KeyS');
    },
  },
  {
    name: 'operator-en', query: '?link=reconnecting', locale: 'en', width: 1920, height: 1080,
    act: async (page) => {
      await page.keyboard.press('ArrowDown');
      // Another workstation acknowledges it first; ours then gets the hub's `conflict`.
      await page.evaluate(() => {
        const h = (window as unknown as { harness: import('./fakeCore').FakeCore }).harness;
        const id = document.querySelector('[data-testid="request-detail"]')?.getAttribute('data-request-id');
        const r = h.state.requests.find((x) => x.id === id);
        if (r) r.status = 'acknowledged';
      });
      await page.keyboard.press('KeyA');
      await page.waitForSelector('[data-testid="toast"]');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('KeyN');
      await page.keyboard.type('Called the citizen back; the location is confirmed.');
    },
  },
  { name: 'operator-fa-replaying', query: '?link=replaying', locale: 'fa', width: 1920, height: 1080 },
  { name: 'operator-fa-stopped', query: '?link=stopped', locale: 'fa', width: 1920, height: 1080 },
  { name: 'wall-fa-2160', query: '?view=wall', locale: 'fa', width: 3840, height: 2160 },
  { name: 'wall-en-1440', query: '?view=wall', locale: 'en', width: 2560, height: 1440 },
];

for (const s of shots) {
  const page = await browser.newPage({ viewport: { width: s.width, height: s.height } });
  page.on('pageerror', (e) => console.error(`[${s.name}] page error:`, e.message));
  page.on('console', (m) => m.type() === 'error' && console.error(`[${s.name}] console:`, m.text()));
  await page.addInitScript((l) => localStorage.setItem('console137.locale', l), s.locale);
  await page.goto(url + s.query);
  await page.waitForSelector('[data-testid="operator-view"], [data-testid="wall-view"]');
  await s.act?.(page);
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(1200);
  await page.screenshot({ path: path.join(out, `${s.name}.png`) });
  console.log(path.join(out, `${s.name}.png`));
  await page.close();
}
await browser.close();
server.close();
