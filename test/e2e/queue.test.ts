// The queue end to end (reference hub → core → web shell → renderer in Chromium), in Persian and
// English: urgency order and colours from deadlines the hub set, filter counts, "only mine" after
// acting on a request, "only what the map shows", the closed-today tab, and filters remembered
// across a reload, per account.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { NewRequest } from '../../common/protocol/hub-protocol';
import { launchChromium, openLive, reloadLive } from '../support/browser';
import { startStack, type Stack } from '../support/stack';

let stack: Stack;
let browser: Browser;
let page: Page;
const MIN = 60_000;
const INSIDE = { lon: 52.49, lat: 29.65 }; // north-west Shiraz, inside district 6
const ids: Record<string, string> = {};
let now = 0; // one clock for every request made, so equal ages give equal deadlines

/** A request received `agoMin` minutes ago whose acknowledge window is 10 minutes. */
function create(name: string, agoMin: number, over: Partial<NewRequest> = {}): void {
  const receivedAt = now - agoMin * MIN;
  const r = stack.hub.control.createRequest({
    category: 'garbage',
    priority: 'normal',
    location: INSIDE,
    address: `خیابان قصرالدشت، کوچه 12`,
    receivedAt: new Date(receivedAt).toISOString(),
    ackDueAt: new Date(receivedAt + 10 * MIN).toISOString(),
    resolveDueAt: new Date(receivedAt + 240 * MIN).toISOString(),
    ...over,
  });
  ids[name] = r.id;
}

const rows = (p: Page) => p.getByTestId('request-row');
const rowIds = (p: Page) => rows(p).evaluateAll((els) => els.map((e) => e.getAttribute('data-request-id')));
const urgencies = (p: Page) => rows(p).evaluateAll((els) => els.map((e) => e.getAttribute('data-urgency')));
const row = (p: Page, name: string) => p.locator(`[data-testid="request-row"][data-request-id="${ids[name]}"]`);
const named = (...names: string[]) => names.map((n) => ids[n]);
const count = (p: Page, testId: string) => p.getByTestId(testId).getAttribute('data-count').then(Number);
const optionCount = (p: Page, select: string, value: string) =>
  p.locator(`[data-testid="${select}"] option[value="${value}"]`).getAttribute('data-count').then(Number);

beforeAll(async () => {
  stack = await startStack();
  now = Date.now();
  create('late', 12, { category: 'fallen_tree', priority: 'urgent' }); // 2 min past its ack deadline
  create('red', 9, { category: 'fallen_tree' }); // 10 % of the window left
  create('amber', 6); // 40 % left
  create('calm', 1, { priority: 'low' }); // 90 % left
  create('calm-high', 1, { priority: 'high' }); // the same deadline, higher priority
  create('far', 1, { location: { lon: 53.3, lat: 29.1 } }); // far outside the district: off the map
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await openLive(page, stack.shell.url);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="request-row"]').length === 6, null, { timeout: 30_000 });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe('the queue', () => {
  it('orders overdue first, then by time left, then priority, coloured by the share of the window left', async () => {
    // calm-high, far and calm share one deadline: priority first (high, normal, low).
    expect(await rowIds(page)).toEqual(named('late', 'red', 'amber', 'calm-high', 'far', 'calm'));
    expect((await urgencies(page)).slice(0, 3)).toEqual(['overdue', 'red', 'amber']);
    const calm = row(page, 'calm');
    expect(await calm.getAttribute('data-urgency')).toBe('calm');
    // The overdue countdown says how late, in Persian digits.
    const late = row(page, 'late').locator('.countdown');
    expect(await late.getAttribute('data-urgency')).toBe('overdue');
    expect(await late.textContent()).toMatch(/^⚑۰۲:[۰-۵][۰-۹] تأخیر$/);
  });

  it('shows tracking codes and addresses in Persian digits', async () => {
    const red = row(page, 'red');
    const code = await red.locator('.cell--id').textContent();
    expect(code).toMatch(/^۱۳۷-[۰-۹]{4}-[۰-۹]{6}$/);
    // (a duplicate badge may precede the address: these requests share it)
    expect(await red.locator('.cell--address').textContent()).toMatch(/خیابان قصرالدشت، کوچه ۱۲$/);
  });

  it('counts each filter value given the other filters, in Persian digits', async () => {
    expect(await count(page, 'queue-tab-open')).toBe(6);
    expect(await page.getByRole('tab', { name: 'باز (۶)' }).count()).toBe(1);
    expect(await optionCount(page, 'filter-category', 'fallen_tree')).toBe(2);
    expect(await optionCount(page, 'filter-category', 'garbage')).toBe(4);
    await page.getByRole('combobox', { name: 'اولویت' }).selectOption('urgent');
    await expect.poll(() => rowIds(page)).toEqual(named('late'));
    expect(await optionCount(page, 'filter-category', 'fallen_tree')).toBe(1);
    expect(await optionCount(page, 'filter-category', 'garbage')).toBe(0);
    expect(await optionCount(page, 'filter-priority', 'normal')).toBe(3); // its own dimension ignores itself
    await page.getByTestId('filter-clear').click();
    await expect.poll(() => rows(page).count()).toBe(6);
  });

  it('keeps only what the map shows with V', async () => {
    expect(await count(page, 'filter-onMap')).toBe(5);
    await page.locator('body').press('KeyV');
    await expect.poll(() => rowIds(page)).not.toContain(ids.far);
    expect(await rows(page).count()).toBe(5);
    expect(await page.getByTestId('filter-onMap').getAttribute('aria-pressed')).toBe('true');
    await page.locator('body').press('KeyV');
    await expect.poll(() => rows(page).count()).toBe(6);
  });

  it('shows only mine with M once the operator acknowledged a request', async () => {
    expect(await count(page, 'filter-mine')).toBe(0);
    await row(page, 'amber').click();
    await page.locator('body').press('KeyA');
    await expect.poll(() => count(page, 'filter-mine'), { timeout: 10_000 }).toBe(1);
    await page.locator('body').press('KeyM');
    await expect.poll(() => rowIds(page)).toEqual(named('amber'));
    // Acknowledged: it now races its resolve deadline, from its acknowledgement — calm again.
    await expect.poll(() => row(page, 'amber').getAttribute('data-urgency'), { timeout: 10_000 }).toBe('calm');
    await page.locator('body').press('KeyM');
  });

  it('lists what was closed today in its own tab, switched to with L', async () => {
    expect(stack.hub.control.applyAsActor({ type: 'request.close', data: { id: ids.calm, resolution: 'invalid' } })).toMatchObject({ ok: true });
    await expect.poll(() => count(page, 'queue-tab-closedToday'), { timeout: 10_000 }).toBe(1);
    expect(await count(page, 'queue-tab-open')).toBe(5);
    await page.locator('body').press('KeyL');
    await expect.poll(() => rowIds(page)).toEqual(named('calm'));
    expect(await page.getByRole('tab', { name: 'بسته‌شدهٔ امروز (۱)' }).getAttribute('aria-selected')).toBe('true');
    await page.locator('body').press('KeyL');
    await expect.poll(() => rows(page).count()).toBe(5);
  });

  it('remembers the filters across a reload, for the account that set them', async () => {
    await page.getByRole('combobox', { name: 'موضوع' }).selectOption('fallen_tree');
    await page.locator('body').press('KeyL');
    await reloadLive(page, 'op-2'); // another operator at this workstation: their own filters
    expect(await page.getByTestId('filter-category').inputValue()).toBe('');
    expect(await page.getByTestId('queue-tab-closedToday').getAttribute('aria-selected')).toBe('false');
    await reloadLive(page);
    await expect.poll(() => page.getByTestId('filter-category').inputValue(), { timeout: 30_000 }).toBe('fallen_tree');
    expect(await page.getByTestId('queue-tab-closedToday').getAttribute('aria-selected')).toBe('true');
    expect(await rows(page).count()).toBe(0);
    await page.locator('body').press('KeyL');
    await expect.poll(() => rowIds(page)).toEqual(named('late', 'red'));
    await page.getByTestId('filter-clear').click();
  });

  it('speaks English with Latin digits: labels, counts and codes', async () => {
    await page.click('[data-testid="locale-switch"]');
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.getByRole('tab', { name: 'Open (5)' }).getAttribute('aria-selected')).toBe('true');
    expect(await page.getByRole('tab', { name: 'Closed today (1)' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Only mine (1)' }).count()).toBe(1);
    await page.getByRole('combobox', { name: 'Category' }).selectOption('garbage');
    await expect.poll(() => rows(page).count()).toBe(3);
    expect(await page.locator('[data-testid="filter-category"] option[value="garbage"]').textContent()).toMatch(/\(3\)$/);
    expect(await row(page, 'amber').locator('.cell--id').textContent()).toMatch(/^137-\d{4}-\d{6}$/);
    expect(await row(page, 'late').count()).toBe(0);
    await page.getByRole('grid', { name: 'Request queue' }).waitFor();
    await page.getByTestId('filter-clear').click();
    await page.click('[data-testid="locale-switch"]');
  });
});
