// Search end to end (issue 10): reference hub → core (SQLite, the FTS index) → web shell →
// renderer in Chromium, in Persian and English. An address typed with Arabic letters, a tracking
// code typed in Latin digits while the UI shows it in Persian ones, a request closed long ago
// (not among the requests the renderer holds) found and opened, and Esc back to the queue.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openLive, reloadLive } from '../support/browser';
import type { Caller } from '../../common/api/rpc';
import { signedIn } from '../support/callers';
import { startStack, type Stack } from '../support/stack';

let stack: Stack;
/** A session of the console signed in as op-1, for the test's own direct calls to the core. */
let operator: Caller;
let browser: Browser;
let page: Page;

const persian = (s: string) => s.replace(/\d/g, (d) => String.fromCharCode(0x06f0 + Number(d)));

beforeAll(async () => {
  stack = await startStack();
  operator = await signedIn(stack.core, 'operator');
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
  await openLive(page, stack.shell.url);
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

const hit = (id: string) => page.locator(`[role="option"][data-request-id="${id}"]`);
const box = (name: string) => page.getByRole('searchbox', { name });
/** Types `text` into the box and waits for the core's answer to it (earlier hits stay up meanwhile). */
async function searchFor(name: string, text: string): Promise<void> {
  await box(name).fill(text);
  await page.locator('[data-testid="search-results"][data-phase="done"]').waitFor({ timeout: 15_000 });
}

describe('search', () => {
  it('in Persian: finds by an Arabic-letter spelling and by Latin digits of a code shown in Persian digits; opens a request closed long ago', async () => {
    const control = stack.hub.control;
    const open = control.createRequest({ address: 'شیراز، کوچه یاسمن، پلاک ۱۲', description: 'چراغ کوچه خاموش است' });
    const closed = control.createRequest({ address: 'شیراز، بلوار کریمخان زند', description: 'درخت افتاده' });
    // Closed last month: not among the open and today's closed requests the renderer holds.
    control.appendRaw({ type: 'request.closed', at: '2026-11-01T08:00:00.000Z', data: { id: closed.id, resolution: 'resolved' } });
    const closedAtCore = async () => (await stack.core.handlers.queries.requestDetail({ id: closed.id }, operator)).request.status;
    await expect.poll(closedAtCore, { timeout: 15_000 }).toBe('closed');
    // A fresh bootstrap holds it no more (the live batch that closed it had put it in the store).
    await reloadLive(page);
    await page.locator(`[data-testid="request-row"][data-request-id="${open.id}"]`).waitFor({ timeout: 15_000 });

    await page.keyboard.press('Slash');
    const search = box('جست‌وجوی درخواست‌ها');
    await expect.poll(() => search.evaluate((el) => el === document.activeElement)).toBe(true);
    await searchFor('جست‌وجوی درخواست‌ها', 'كوچه ياسمن'); // Arabic kaf and yeh
    expect(await hit(open.id).textContent()).toContain('یافته در: نشانی');
    await expect.poll(() => page.getByTestId('search-status').textContent()).toBe('۱ نتیجه');
    expect(await page.locator('[data-testid="request-list"]').count()).toBe(0); // the results stand in for the queue

    const digits = open.id.replace(/\D/g, '');
    await searchFor('جست‌وجوی درخواست‌ها', digits);
    expect(await page.locator('[role="option"]').first().getAttribute('data-request-id')).toBe(open.id);
    const shown = await hit(open.id).locator('.search-hit__code').textContent();
    expect(shown).toBe(persian(open.id));
    expect(await hit(open.id).textContent()).toContain('کد رهگیری');

    await searchFor('جست‌وجوی درخواست‌ها', 'كريمخان');
    expect(await hit(closed.id).textContent()).toContain('بسته');
    await page.keyboard.press('Enter');
    const detail = page.getByTestId('request-detail');
    await expect.poll(() => detail.getAttribute('data-request-id'), { timeout: 10_000 }).toBe(closed.id);
    await expect.poll(() => detail.textContent(), { timeout: 10_000 }).toContain('درخت افتاده');

    await search.focus();
    await page.keyboard.press('Escape');
    await page.locator('[data-testid="request-list"]').waitFor({ timeout: 10_000 });
    expect(await search.inputValue()).toBe('');
    expect(await search.evaluate((el) => el === document.activeElement)).toBe(false);
    // The queue's keys work again: ↓ selects a row of the queue.
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.locator('[data-testid="request-row"][aria-selected="true"]').count()).toBe(1);
  });

  it('in English: Ctrl+F focuses the box; too short, no match, and the field that matched', async () => {
    await page.click('[data-testid="locale-switch"]');
    await expect.poll(() => page.getAttribute('html', 'dir')).toBe('ltr');
    const r = stack.hub.control.createRequest({ address: 'Shiraz, Zand Blvd, No. 7', description: 'pothole near the school' });
    await page.locator(`[data-testid="request-row"][data-request-id="${r.id}"]`).waitFor({ timeout: 15_000 });
    await page.keyboard.press('Control+KeyF');
    const search = box('Search requests');
    await expect.poll(() => search.evaluate((el) => el === document.activeElement)).toBe(true);
    await search.fill('z');
    await expect.poll(() => page.getByTestId('search-status').textContent()).toBe('Type at least two characters');
    await searchFor('Search requests', 'no such street anywhere');
    expect(await page.getByTestId('search-status').textContent()).toBe('No match');
    await searchFor('Search requests', 'ZAND blvd');
    expect(await hit(r.id).textContent()).toContain('Matched in: address');
    await searchFor('Search requests', r.id.slice(-4));
    expect(await page.locator('[role="option"]').first().getAttribute('data-request-id')).toBe(r.id);
    expect(await hit(r.id).locator('.search-hit__code').textContent()).toBe(r.id);
    await page.keyboard.press('Escape');
    await page.locator('[data-testid="request-list"]').waitFor({ timeout: 10_000 });
  });
});
