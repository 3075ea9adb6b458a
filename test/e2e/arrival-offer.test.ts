// The "on site?" offer on a console with no basemap, where the no-basemap hint sits on the map
// too: the offer must be on top and take a real click (Playwright refuses to click an element
// another one covers), and the click must set the request on site at the hub.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, openLive } from '../support/browser';
import type { Caller } from '../../common/api/rpc';
import { signedIn } from '../support/callers';
import { startStack, type Stack } from '../support/stack';

let stack: Stack;
/** A session of the console signed in as op-1, for the test's own direct calls to the core. */
let operator: Caller;
let browser: Browser;

beforeAll(async () => {
  stack = await startStack();
  operator = await signedIn(stack.core, 'operator');
  browser = await launchChromium();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe('the arrival offer over the no-basemap hint', { timeout: 120_000 }, () => {
  for (const [width, height] of [[1920, 1080], [1280, 800]] as const) {
    it(`is clicked, not the hint under it (${width}×${height})`, async () => {
      const control = stack.hub.control;
      const crewId = `crew-arrive-${width}`;
      control.upsertContractor({ id: 'ctr-arrive', name: 'پیمانکار', categories: ['pothole'] });
      control.upsertCrew({ id: crewId, name: 'اکیپ آسفالت — زارعی', contractorId: 'ctr-arrive', categories: ['pothole'] }, 'available');
      const request = control.createRequest({ category: 'pothole', location: { lon: 52.49, lat: 29.645 } });
      const page = await browser.newPage({ viewport: { width, height } });
      await openLive(page, stack.shell.url);
      await page.getByTestId('basemap-hint').waitFor();
      const view = async () => (await stack.core.handlers.queries.bootstrap({}, operator)).requests.find((r) => r.id === request.id);
      await expect.poll(async () => (await view())?.status, { timeout: 15_000 }).toBe('new');
      await stack.core.handlers.commands.submit({ type: 'request.assign', data: { id: request.id, crewId } }, operator);
      await expect.poll(async () => (await view())?.pendingCommands, { timeout: 15_000 }).toBe(0);
      control.pushFixes([{ crewId, lon: 52.4901, lat: 29.6451 }]);
      const offer = page.locator(`[data-testid="arrival-offer"][data-request-id="${request.id}"]`);
      await offer.waitFor({ timeout: 20_000 });
      await offer.getByRole('button', { name: 'ثبت «در محل»' }).click({ timeout: 10_000 });
      await expect.poll(() => control.state().requests.find((r) => r.id === request.id)?.status, { timeout: 15_000 }).toBe('on_site');
      await page.close();
    });
  }
});
