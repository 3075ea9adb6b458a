// The map on the wall display (role 'wall': read-only, no one at the screen to click) against the
// operator's: the wall keeps the legend but not the crew trail/follow buttons or the how-to-add-a-
// basemap hint. The real DistrictMap and store in Chromium, on the map harness's synthetic core.
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser';
import { tempDir } from '../support/temp';
import type {} from './harness/api';
import { buildHarness, serve, type Served } from './serve';

const tmp = tempDir('c137-wall-map-');
let browser: Browser;
let site: Served;

beforeAll(async () => {
  const dist = path.join(tmp.dir, 'harness');
  await buildHarness(dist);
  site = await serve(dist); // no basemap: the hint has a reason to show
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  tmp.cleanup();
});

async function openMap(role: 'operator' | 'wall'): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${site.url}/?${new URLSearchParams({ requests: '50', crews: '10', role })}`);
  await page.waitForSelector('[data-map-ready="true"]', { timeout: 120_000 });
  expect(errors).toEqual([]);
  return page;
}

const visible = (page: Page, testId: string) => page.getByTestId(testId).isVisible();

// Software WebGL on a shared two-core machine: generous, since a UI test is not a timing test.
describe('map controls by role', { timeout: 120_000 }, () => {
  it('the operator gets trail, follow and the basemap hint', async () => {
    const page = await openMap('operator');
    expect(await page.getAttribute('.c137-map', 'data-view')).toBe('workstation');
    for (const id of ['map-fit', 'map-toggle-heat', 'map-toggle-trail', 'map-toggle-follow', 'basemap-hint', 'map-legend']) {
      expect({ id, visible: await visible(page, id) }).toEqual({ id, visible: true });
    }
    await page.close();
  });

  it('the wall keeps the legend, open, without trail, follow or the hint', async () => {
    const page = await openMap('wall');
    expect(await page.getAttribute('.c137-map', 'data-view')).toBe('wall');
    expect(await page.getByTestId('map-toggle-trail').count()).toBe(0);
    expect(await page.getByTestId('map-toggle-follow').count()).toBe(0);
    expect(await visible(page, 'basemap-hint')).toBe(false);
    expect(await visible(page, 'map-legend')).toBe(true);
    expect(await page.locator('[data-testid="map-legend"] details').getAttribute('open')).not.toBeNull();
    // Still none once a crew is selected (the store allows it; the wall has no use for it).
    await page.evaluate(() => {
      const store = window.__harness!.store;
      store.getState().selectCrew(Object.keys(store.getState().crews)[0]);
    });
    expect(await page.evaluate(() => window.__harness!.store.getState().selectedCrewId)).not.toBeNull();
    expect(await page.getByTestId('map-toggle-trail').count()).toBe(0);
    await page.close();
  });
});
