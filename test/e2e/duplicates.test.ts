// Likely duplicates end to end, through real parts: reference hub → core (SQLite: the pair found
// when the second report arrives) → web shell → renderer in Debian Chromium. In Persian and in
// English: two citizens report the same pothole 20 m apart; the second gets the badge in the queue
// and the first in its detail list (distance, age, text); D (sent as a Persian layout sends it)
// asks which original, Enter confirms, and the hub records request.closed with duplicateOf.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openLive } from '../support/browser';
import { startStack, type Stack } from '../support/stack';

let stack: Stack;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  stack = await startStack();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await openLive(page, stack.shell.url);
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

const PERSIAN_DIGITS = '۰۱۲۳۴۵۶۷۸۹';
const persian = (s: string) => s.replace(/[0-9]/g, (d) => PERSIAN_DIGITS[Number(d)]);

/** Two reports of one pothole, ~20 m apart (0.0002° of longitude here), the second in Arabic letters. */
function reportTwice(lon: number, lat: number) {
  const control = stack.hub.control;
  const original = control.createRequest({
    category: 'pothole',
    location: { lon, lat },
    description: 'چاله بزرگ وسط خیابان، خودروها آسیب می‌بینند',
    address: 'شیراز، بلوار چمران، روبروی باغ ارم',
  });
  const duplicate = control.createRequest({
    category: 'pothole',
    location: { lon: lon + 0.0002, lat },
    description: 'يك چاله بزرگ وسط خيابان هست',
    address: 'بلوار چمران، جلوی باغ ارم',
  });
  return { original, duplicate };
}

/** Text without the bidi isolates the UI puts around codes inside sentences. */
const unisolated = (s: string) => s.replace(/[\u2068\u2069]/g, '');

const row = (id: string) => page.locator(`[data-testid="request-row"][data-request-id="${id}"]`);

/** D as a Persian layout sends it: key "ی", physical code KeyD. */
async function pressPersianD(): Promise<void> {
  await page.evaluate(() =>
    (document.activeElement ?? document.body).dispatchEvent(new KeyboardEvent('keydown', { key: 'ی', code: 'KeyD', bubbles: true, cancelable: true })),
  );
}

const closedAtHub = (id: string) => stack.hub.control.readLog().find((e) => e.type === 'request.closed' && e.data.id === id)?.data;

describe('likely duplicates, in Persian', () => {
  it('suggests the first report on the second (badge and list) and merges them with D', async () => {
    const { original, duplicate } = reportTwice(52.49, 29.645);
    await row(duplicate.id).waitFor({ timeout: 15_000 });
    await row(duplicate.id).getByRole('img', { name: /احتمالاً تکراری: ۱ درخواست باز مشابه/ }).waitFor({ timeout: 15_000 });
    expect(await row(original.id).getByTestId('duplicate-badge').count()).toBe(0); // the first report is the original

    await row(duplicate.id).click();
    const list = page.getByRole('listbox', { name: 'درخواست‌های باز مشابه در نزدیکی' });
    await list.waitFor({ timeout: 15_000 });
    const option = list.getByRole('option');
    expect(await option.count()).toBe(1);
    const name = (await option.getAttribute('aria-label'))!;
    // Its code, the distance in metres and the age in Persian digits, and its text.
    expect(name).toMatch(new RegExp(`^${persian(original.id)}، [۱۲][۰-۹] متر، .+ پیش: چاله بزرگ وسط خیابان`));
    expect(name).not.toMatch(/[0-9]/);
    expect(await option.getAttribute('aria-selected')).toBe('true');

    await pressPersianD();
    const confirm = page.getByRole('dialog', { name: 'بستن به‌عنوان تکراری' });
    await confirm.waitFor({ timeout: 10_000 });
    expect(unisolated(await confirm.innerText())).toContain(`درخواست ${persian(duplicate.id)} به‌عنوان تکراریِ ${persian(original.id)} بسته شود؟`);
    await page.keyboard.press('Enter');
    await confirm.waitFor({ state: 'hidden', timeout: 10_000 });

    await expect.poll(() => closedAtHub(duplicate.id), { timeout: 15_000 }).toEqual({ id: duplicate.id, resolution: 'duplicate', duplicateOf: original.id });
    // Focus stays in the console (on what had it, or the detail panel), never on the page's body.
    expect(await page.evaluate(() => document.activeElement !== document.body && document.activeElement !== null)).toBe(true);
    // Closed, it is no one's duplicate any more.
    await expect.poll(() => row(duplicate.id).getByTestId('duplicate-badge').count(), { timeout: 15_000 }).toBe(0);
  });
});

describe('likely duplicates, in English', () => {
  it('suggests and merges by the button, naming the chosen original; closing the original drops a badge', async () => {
    await page.click('[data-testid="locale-switch"]');
    await page.waitForSelector('html[lang="en"]');
    const { original, duplicate } = reportTwice(52.51, 29.65);
    await row(duplicate.id).getByRole('img', { name: 'Likely duplicate: 1 similar open request(s) nearby' }).waitFor({ timeout: 15_000 });
    await row(duplicate.id).click();
    const list = page.getByRole('listbox', { name: 'Similar open requests nearby' });
    await list.getByRole('option', { name: new RegExp(`^${original.id}, [12]\\d m, .+ ago: `) }).waitFor({ timeout: 15_000 });

    await page.getByRole('button', { name: new RegExp(`^Close as duplicate of .?${original.id}`) }).click();
    const confirm = page.getByRole('dialog', { name: 'Close as duplicate' });
    await confirm.waitFor({ timeout: 10_000 });
    expect(unisolated(await confirm.innerText())).toContain(`Close ${duplicate.id} as a duplicate of ${original.id}?`);
    await confirm.getByRole('button', { name: 'Yes, close it' }).click();
    await expect.poll(() => closedAtHub(duplicate.id), { timeout: 15_000 }).toEqual({ id: duplicate.id, resolution: 'duplicate', duplicateOf: original.id });

    // A third report of it; the original closes at the hub: the badge goes (only open originals count).
    const third = stack.hub.control.createRequest({
      category: 'pothole',
      location: { lon: 52.51, lat: 29.6501 },
      description: 'چاله بزرگ وسط خیابان',
    });
    const badge = row(third.id).getByTestId('duplicate-badge');
    await badge.waitFor({ timeout: 15_000 });
    stack.hub.control.applyAsActor({ type: 'request.close', data: { id: original.id, resolution: 'resolved' } });
    await badge.waitFor({ state: 'detached', timeout: 15_000 });
  });
});
