// Signing in, end to end (docs/sign-in.md): reference hub → core (SQLite, its accounts) → web
// shell → renderer in Debian Chromium. A wrong password is refused without saying which field was
// wrong and leaves the password field empty; the core's idle lock (set to 6 s here) locks the
// screen and the queue goes with it; the next shift's operator signs in over the locked screen
// without a restart, and their command reaches the hub under their username.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, signIn, signInForm } from '../support/browser';
import { startStack, STACK_ACCOUNTS, type Stack } from '../support/stack';

let stack: Stack;
let browser: Browser;
let page: Page;

const displayName = (username: string) => STACK_ACCOUNTS.find((a) => a.username === username)!.displayName;
const live = () => page.waitForSelector('[data-testid="link-status"][data-state="live"]', { timeout: 60_000 });
const account = () => page.getByRole('group', { name: 'حساب واردشده' });

beforeAll(async () => {
  stack = await startStack({}, { config: { idleLockMinutes: 0.1 } });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe('signing in through the web shell', { timeout: 120_000 }, () => {
  it('opens on the sign-in form in Persian; a wrong password is refused, said plainly, and emptied', async () => {
    await page.goto(stack.shell.url);
    const form = page.getByRole('form', { name: 'ورود به کنسول' });
    await form.waitFor({ timeout: 60_000 });
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['fa', 'rtl']);
    expect(await page.getByTestId('request-row').count()).toBe(0);

    for (const username of ['op-1', 'no-such-person']) {
      await form.getByLabel('نام کاربری').fill(username);
      await form.getByLabel('گذرواژه').fill('not-the-password');
      await form.getByLabel('گذرواژه').press('Enter');
      // The same words for a wrong password and an unknown name.
      await expect.poll(() => page.getByRole('alert').textContent(), { timeout: 15_000 }).toBe('نام کاربری یا گذرواژه نادرست است.');
      expect(await form.getByLabel('گذرواژه').inputValue()).toBe('');
      await page.getByRole('alert').evaluate((el) => el.remove()); // the next answer must be a new one
    }

    await signIn(page, 'op-1');
    await live();
    expect(await account().textContent()).toContain(displayName('op-1'));
    expect(await account().textContent()).toContain('اپراتور');
  });

  it('signs out with the header’s button: the form again, empty, nothing of the queue; then in again', async () => {
    await page.getByRole('button', { name: 'خروج از حساب' }).click();
    await signInForm(page).waitFor();
    expect(await page.getByTestId('signin-locked').count()).toBe(0);
    expect(await signInForm(page).getByLabel('نام کاربری').inputValue()).toBe('');
    expect(await page.getByTestId('operator-view').count()).toBe(0);
    await signIn(page, 'op-1');
    await live();
  });

  it('locks after the idle time: the queue is gone, the name of who was signed in is shown', async () => {
    stack.hub.control.createRequest({ category: 'pothole', location: { lon: 52.4905, lat: 29.6452 } });
    await page.getByTestId('signin-locked').waitFor({ timeout: 30_000 }); // 6 s of no key or click
    expect(await page.getByTestId('signin-locked').textContent()).toContain(`قفل است — ${displayName('op-1')} وارد شده بود`);
    expect(await signInForm(page).getByLabel('نام کاربری').inputValue()).toBe('op-1');
    expect(await page.getByTestId('operator-view').count()).toBe(0);
    expect(await page.getByTestId('request-row').count()).toBe(0);
  });

  it('lets the next shift’s operator sign in over the locked screen, and sends their commands under their username', async () => {
    const request = stack.hub.control.createRequest({ category: 'pothole', location: { lon: 52.491, lat: 29.6455 } });
    await page.getByRole('button', { name: 'ورود با کاربر دیگر (تحویل شیفت)' }).click();
    expect(await signInForm(page).getByLabel('نام کاربری').inputValue()).toBe('');
    await signIn(page, 'op-2');
    await live();
    expect(await account().textContent()).toContain(displayName('op-2'));
    // Quickly, within the 6 s: the click and the key are activity, the command too.
    await page.locator(`[data-testid="request-row"][data-request-id="${request.id}"]`).click({ timeout: 30_000 });
    await page.locator(`[data-testid="request-detail"][data-request-id="${request.id}"]`).waitFor();
    await page.keyboard.press('KeyA');
    const acknowledged = () =>
      stack.hub.control.readLog().find((e) => e.type === 'request.acknowledged' && (e.data as { id: string }).id === request.id);
    await expect.poll(() => acknowledged()?.actor, { timeout: 15_000 }).toMatchObject({ kind: 'operator', id: 'op-2' });
  });
});
