// Dispatch end to end, in Persian and English: reference hub → core (SQLite) → web shell →
// renderer in Chromium. The picker offers the crew of the request's trade first even when a crew
// of another trade is nearer, and Enter sends it (the hub's log shows the assignment); a crew's
// status is changed from the crew board with the mouse and with the keyboard (seen at the hub).
import CheapRuler from 'cheap-ruler';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { dictionaries, type Locale } from '../../common/i18n';
import { launchChromium, openLive } from '../support/browser';
import { startStack, type Stack } from '../support/stack';

let stack: Stack;
let browser: Browser;
const SPOT = { lon: 52.52, lat: 29.63 };
const ruler = new CheapRuler(SPOT.lat, 'kilometers');
const east = (km: number) => ruler.destination([SPOT.lon, SPOT.lat], km, 90) as [number, number];

beforeAll(async () => {
  stack = await startStack();
  browser = await launchChromium();
  const c = stack.hub.control;
  c.upsertContractor({ id: 'ctr-eram', name: 'شرکت فضای سبز باغ ارم', categories: ['fallen_tree'] });
  c.upsertContractor({ id: 'ctr-parspak', name: 'شرکت خدمات شهری پارس‌پاک', categories: ['garbage'] });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

async function openConsole(locale: Locale): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await page.addInitScript((l) => localStorage.setItem('console137.locale', l), locale);
  await openLive(page, stack.shell.url);
  await page.waitForSelector(`html[lang="${locale}"]`, { timeout: 10_000 });
  return page;
}

/** Crews for one language's run: a green-space crew 5.6 km away and a garbage crew at 5.3 km. */
function placeCrews(tag: string) {
  const c = stack.hub.control;
  const green = { id: `green-${tag}`, name: `فضای سبز ${tag} — کریم اسدی`, contractorId: 'ctr-eram', categories: ['fallen_tree'] };
  const garbage = { id: `garbage-${tag}`, name: `پسماند ${tag} — رضا کشاورز`, contractorId: 'ctr-parspak', categories: ['garbage'] };
  c.upsertCrew(green, 'available');
  c.upsertCrew(garbage, 'available');
  return { green, garbage };
}

async function pushFixesOnceKnown(page: Page, ids: string[], fixes: Parameters<Stack['hub']['control']['pushFixes']>[0]) {
  // §4: a fix for a crew the console does not know yet is ignored, so let the crews land first.
  for (const id of ids) await page.locator(`[data-testid="crew-row"][data-crew-id="${id}"]`).waitFor({ timeout: 15_000 });
  stack.hub.control.pushFixes(fixes);
}

const assignedCrew = (requestId: string) =>
  stack.hub.control
    .readLog()
    .filter((e) => e.type === 'request.assigned' && (e.data as { id: string }).id === requestId)
    .map((e) => (e.data as { crewId: string }).crewId);
const hubStatus = (crewId: string) => stack.hub.control.state().crews.find((c) => c.id === crewId)?.status;

describe.each(['fa', 'en'] as const)('dispatch in %s', (locale) => {
  const t = dictionaries[locale].dispatch;
  let page: Page;
  beforeAll(async () => {
    page = await openConsole(locale);
  }, 60_000);
  afterAll(() => page?.close());

  it('offers the crew of the trade first though another trade is nearer, with its ETA, and Enter assigns it', async () => {
    const { green, garbage } = placeCrews(locale);
    await pushFixesOnceKnown(page, [green.id, garbage.id], [
      { crewId: green.id, lon: east(5.6)[0], lat: east(5.6)[1] },
      { crewId: garbage.id, lon: east(5.3)[0], lat: east(5.3)[1] },
    ]);
    await expect.poll(() => page.locator(`[data-crew-id="${green.id}"] .board__fix`).getAttribute('class'), { timeout: 10_000 }).toContain('fresh');
    const request = stack.hub.control.createRequest({ category: 'fallen_tree', location: SPOT });
    await page.locator(`[data-testid="request-row"][data-request-id="${request.id}"]`).click({ timeout: 15_000 });
    await page.keyboard.press('s'); // KeyS: open the picker

    const list = page.getByRole('listbox', { name: t.picker.title });
    await expect.poll(() => list.evaluate((el) => el === document.activeElement), { timeout: 10_000 }).toBe(true);
    const offered = () => list.getByRole('option').evaluateAll((os) => os.map((o) => o.getAttribute('data-crew-id')));
    // The trade's crew first; the nearer garbage crew is not offered while a green-space crew is available.
    await expect.poll(async () => (await offered())[0], { timeout: 10_000 }).toBe(green.id);
    expect(await offered()).not.toContain(garbage.id);
    const first = page.getByRole('group', { name: t.picker.group.trade }).getByRole('option', { name: new RegExp(green.name) });
    expect(await first.getAttribute('aria-selected')).toBe('true');
    expect(await list.getAttribute('aria-activedescendant')).toBe(`crew-option-${green.id}`);
    // 5.6 km × 1.4 at 20 km/h ≈ 24 minutes, in the locale's digits.
    const name = (await first.getAttribute('aria-label')) ?? '';
    expect(name).toContain(locale === 'fa' ? '۲۴' : '24');
    expect(name).toContain(locale === 'fa' ? '۵٫۶' : '5.6');
    if (locale === 'fa') expect(name).not.toMatch(/[0-9]/);

    await page.keyboard.press('Enter');
    await expect.poll(() => assignedCrew(request.id), { timeout: 15_000 }).toEqual([green.id]);
    await expect.poll(() => hubStatus(green.id), { timeout: 15_000 }).toBe('assigned');
  });

  it('offers another trade, marked, when no crew of the trade is available', async () => {
    // The hub's own green-space crews go off duty; this run's was assigned above.
    for (const id of ['crew-10', 'crew-11']) stack.hub.control.setCrewStatus(id, 'off_duty');
    for (const id of ['crew-10', 'crew-11'])
      await expect.poll(() => page.locator(`[data-testid="crew-row"][data-crew-id="${id}"]`).getAttribute('data-status'), { timeout: 10_000 }).toBe('off_duty');
    const request = stack.hub.control.createRequest({ category: 'fallen_tree', location: SPOT });
    await page.locator(`[data-testid="request-row"][data-request-id="${request.id}"]`).click({ timeout: 15_000 });
    await page.keyboard.press('s');
    const other = page.getByRole('group', { name: t.picker.group.other_trade });
    await expect.poll(() => other.getByRole('option').evaluateAll((os) => os.map((o) => o.getAttribute('data-crew-id'))), { timeout: 10_000 }).toContain(`garbage-${locale}`);
    expect(await other.getByRole('option', { name: new RegExp(t.picker.otherTrade) }).count()).toBeGreaterThan(0);
    await page.keyboard.press('Escape');
    await page.getByRole('listbox', { name: t.picker.title }).waitFor({ state: 'detached', timeout: 10_000 });
  });

  it('changes a crew’s status from the board with the mouse and with the keyboard, keeping focus', async () => {
    const crewId = `garbage-${locale}`;
    const board = page.getByRole('grid', { name: t.board.label });
    const row = board.getByRole('row', { name: new RegExp(`پسماند ${locale}`) });
    const select = row.getByRole('combobox', { name: t.board.setStatus(`پسماند ${locale} — رضا کشاورز`) });
    await select.focus();
    await select.selectOption('break');
    await expect.poll(() => hubStatus(crewId), { timeout: 15_000 }).toBe('break');
    await expect.poll(() => select.evaluate((el) => el === document.activeElement)).toBe(true);
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 10_000 }).toBe('break');

    // B focuses the board's row; ↑↓ move to the crew; 1 (available) sets its status.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('b');
    await expect.poll(() => board.evaluate((el) => el.contains(document.activeElement) && document.activeElement?.getAttribute('role') === 'row')).toBe(true);
    for (let i = 0; i < 20; i++) {
      if ((await page.evaluate(() => document.activeElement?.getAttribute('data-crew-id'))) === crewId) break;
      await page.keyboard.press('ArrowDown');
    }
    for (let i = 0; i < 20; i++) {
      if ((await page.evaluate(() => document.activeElement?.getAttribute('data-crew-id'))) === crewId) break;
      await page.keyboard.press('ArrowUp');
    }
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-crew-id'))).toBe(crewId);
    await page.keyboard.press('Digit1');
    await expect.poll(() => hubStatus(crewId), { timeout: 15_000 }).toBe('available');
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 10_000 }).toBe('available');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-crew-id'))).toBe(crewId);
    // The time in that status restarted with the change.
    await expect.poll(() => row.getByTestId('crew-since').textContent()).toMatch(locale === 'fa' ? /ثانیه/ : /s$/);
  });
});
