// The renderer in real Chromium, on the test-only fake core (harness/): language and direction,
// the virtualised queue and its keys, commands and the hub's refusals, the wall display's
// privacy. The same bundle code as shipped; only the core behind the API is a stand-in.
import type { Server } from 'node:http';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser';
import { tempDir } from '../support/temp';
import type { useConsole } from '../../renderer/src/state/store';
import { FAKE_ACCOUNTS, FAKE_PASSWORD, FAKE_THROTTLE_AFTER, type FakeCore } from './harness/fakeCore';
import { harnessConfig } from './harness/harnessConfig';
import { serveDir } from './harness/serve';

let browser: Browser;
let server: Server;
let base: string;
const temp = tempDir('c137-renderer-ui-');

beforeAll(async () => {
  const dist = path.join(temp.dir, 'dist');
  await build(harnessConfig(dist));
  ({ url: base, server } = await serveDir(dist));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  server?.close();
  temp.cleanup();
});

/** Open the harness; a few hundred requests unless the query says otherwise. */
async function open(query = '', locale?: 'fa' | 'en', screen = '[data-testid="operator-view"], [data-testid="wall-view"]'): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  if (locale) await page.addInitScript((l) => localStorage.setItem('console137.locale', l), locale);
  const params = new URLSearchParams(query);
  if (!params.has('n')) params.set('n', '400');
  await page.goto(`${base}?${params}`);
  await page.waitForSelector(screen);
  expect(errors).toEqual([]);
  return page;
}

/** In the page: a request of one of these statuses among the queue's rendered rows (the list is virtual). */
function renderedWith(statuses: string[]): string {
  const h = (window as unknown as { harness: FakeCore }).harness;
  const shown = [...document.querySelectorAll('[data-testid="request-row"]')].map((el) => el.getAttribute('data-request-id'));
  return h.state.requests.find((r) => statuses.includes(r.status) && shown.includes(r.id))!.id;
}

const selectedRow = (page: Page) => page.locator('[data-testid="request-row"][aria-selected="true"]');
const commandsSent = (page: Page) =>
  page.evaluate(() => (window as unknown as { harness: { commands: Array<{ type: string }> } }).harness.commands.map((c) => c.type));

// Chromium with a software-rendered map on a shared two-core machine: generous time per test.
describe('renderer in Chromium', { timeout: 90_000 }, () => {
  it('starts in Persian, right to left, and switches to English, left to right, remembered', async () => {
    const page = await open();
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['fa', 'rtl']);
    await expect.poll(() => page.getByTestId('link-status').getAttribute('data-state')).toBe('live');
    expect(await page.getByTestId('link-status').textContent()).toContain('برخط');
    expect(await page.getByTestId('clock').textContent()).toMatch(/[۰-۹]{2}:[۰-۹]{2}:[۰-۹]{2}/);

    await page.getByTestId('locale-switch').click();
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['en', 'ltr']);
    expect(await page.getByTestId('link-status').textContent()).toContain('Live');
    await page.reload();
    await page.waitForSelector('[data-testid="operator-view"]');
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('ltr');
    expect(await page.getByTestId('clock').textContent()).toContain('Tehran time');
    await page.close();
  });

  it('renders thousands of requests with a small DOM, most urgent first', async () => {
    const page = await open('?n=5000');
    const rows = page.getByTestId('request-row');
    const shown = await rows.count();
    expect(shown).toBeGreaterThan(10);
    expect(shown).toBeLessThan(80);
    expect(await rows.first().getAttribute('data-urgency')).toBe('overdue');
    expect(await page.getByTestId('queue-counts').textContent()).toMatch(/[۰-۹]/);
    await page.close();
  });

  it('moves through the queue with the keys and acts on the selection', async () => {
    const page = await open('', 'en');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const ids = await page.getByTestId('request-row').evaluateAll((els) => els.map((e) => e.getAttribute('data-request-id')));
    expect(await selectedRow(page).getAttribute('data-request-id')).toBe(ids[1]);
    await page.keyboard.press('ArrowUp');
    const id = await selectedRow(page).getAttribute('data-request-id');
    expect(id).toBe(ids[0]);

    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('request-detail');
    expect(await page.getByTestId('request-detail').getAttribute('data-request-id')).toBe(id);

    await page.keyboard.press('KeyA'); // the most urgent row is a new request: acknowledge it
    expect(await commandsSent(page)).toEqual(['request.acknowledge']);
    // Its place in the queue changes with its deadline; the details keep showing it.
    await expect.poll(() => page.getByTestId('request-detail').locator('.chip--status-acknowledged').count()).toBe(1);

    await page.keyboard.press('KeyS');
    await page.getByTestId('crew-picker').waitFor();
    await page.keyboard.press('ArrowDown');
    const crewId = await page.locator('[data-testid="crew-option"][aria-selected="true"]').getAttribute('data-crew-id');
    await page.keyboard.press('Enter');
    await page.getByTestId('crew-picker').waitFor({ state: 'detached' });
    const sent = await page.evaluate(() => (window as unknown as { harness: { commands: unknown[] } }).harness.commands.at(-1));
    expect(sent).toEqual({ type: 'request.assign', data: { id, crewId } });
    await page.close();
  });

  it('follows live batches in the queue and on the wall (counts, most urgent list)', async () => {
    // Another workstation closes requests (`only`, or every open one): they leave the open queue.
    const close = (page: Page, only?: string) =>
      page.evaluate((only) => {
        const h = (window as unknown as { harness: FakeCore }).harness;
        const closing = h.state.requests.filter((r) => r.status !== 'closed' && (!only || r.id === only));
        h.push({ requests: closing.map((r) => ({ ...r, status: 'closed' as const, closedAt: new Date().toISOString() })) });
      }, only);
    const operator = await open();
    const first = (await operator.getByTestId('request-row').first().getAttribute('data-request-id'))!;
    await close(operator, first);
    await expect.poll(() => operator.locator(`[data-testid="request-row"][data-request-id="${first}"]`).count()).toBe(0);
    expect(await operator.getByTestId('request-row').count()).toBeGreaterThan(10);
    await operator.close();

    const wall = await open('?view=wall');
    expect(Number(await wall.locator('[data-kpi="open"]').getAttribute('data-value'))).toBeGreaterThan(0);
    await close(wall);
    await expect.poll(() => wall.locator('[data-kpi="open"]').getAttribute('data-value')).toBe('0');
    expect(await wall.getByTestId('wall-urgent').locator('li').count()).toBe(0);

    // A crew going off duty moves one from its status to off_duty in the counts.
    const offDuty = async () => {
      const text = (await wall.locator('[data-testid="crew-counts"] [data-status="off_duty"] .crew-counts__n').textContent()) ?? '';
      return Number(text.replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x06f0)));
    };
    const before = await offDuty();
    await wall.evaluate(() => {
      const h = (window as unknown as { harness: FakeCore }).harness;
      const crew = h.state.crews.find((c) => c.status !== 'off_duty')!;
      h.push({ crews: [{ ...crew, status: 'off_duty' as const }] });
    });
    await expect.poll(offDuty).toBe(before + 1);
    await wall.close();
  });

  it('tells the operator, in their language, why the hub refused a command', async () => {
    const page = await open();
    await page.keyboard.press('ArrowDown');
    // Another workstation acknowledged it first: the fake hub answers `conflict`.
    await page.evaluate(() => {
      const h = (window as unknown as { harness: { state: { requests: Array<{ id: string; status: string }> } } }).harness;
      const id = document.querySelector('[data-testid="request-detail"]')?.getAttribute('data-request-id');
      h.state.requests.find((r) => r.id === id)!.status = 'acknowledged';
    });
    await page.keyboard.press('KeyA');
    const toast = page.getByTestId('toast');
    await toast.waitFor();
    expect(await toast.getAttribute('data-code')).toBe('conflict');
    // who did it first, from the core's cause; the hub's English words isolated beside it
    expect(await toast.getByTestId('toast-cause').textContent()).toMatch(/op-3.*پیش دریافت آن را تأیید کرد/);
    expect(await toast.locator('bdi', { hasText: 'request is already acknowledged' }).count()).toBe(1);
    await page.close();
  });

  for (const locale of ['fa', 'en'] as const) {
    it(`asks before closing as resolved a request no crew has been on site for: Esc goes back, Enter closes (${locale})`, async () => {
      const page = await open('', locale);
      const name = locale === 'fa' ? 'بستن با نتیجهٔ «رفع شد» بی‌آنکه اکیپی در محل بوده باشد؟' : 'Close as resolved with no crew ever on site?';
      const pick = async (statuses: string[]) => {
        const id = await page.evaluate(renderedWith, statuses);
        await page.locator(`[data-testid="request-row"][data-request-id="${id}"]`).click();
        await page.getByTestId('request-detail').locator('[data-testid="timeline"]').waitFor();
        return id;
      };
      const id = await pick(['new', 'acknowledged', 'assigned', 'en_route']);
      await page.keyboard.press('KeyC');
      await page.getByTestId('close-form').waitFor();
      await page.keyboard.press('Control+Enter');
      const dialog = page.getByRole('dialog', { name });
      await dialog.waitFor();
      expect(await page.evaluate(() => document.activeElement?.closest('dialog') !== null)).toBe(true);
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      expect(await commandsSent(page)).toEqual([]);
      // back in the form, where it was: its resolution field
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('SELECT');
      await page.keyboard.press('Control+Enter');
      await dialog.waitFor();
      await page.keyboard.press('Enter');
      await expect.poll(() => commandsSent(page)).toEqual(['request.close']);
      await page.getByTestId('close-form').waitFor({ state: 'detached' });
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('request-detail');
      expect(await page.getByTestId('request-detail').getAttribute('data-request-id')).toBe(id);
      // a crew on site: no question
      const onSite = await pick(['new', 'acknowledged', 'assigned', 'en_route']);
      await page.evaluate((id) => {
        const h = (window as unknown as { harness: FakeCore }).harness;
        const r = h.state.requests.find((x) => x.id === id)!;
        Object.assign(r, { status: 'on_site', crewId: h.state.crews[0].id });
        h.push({ requests: [r] });
      }, onSite);
      await page.getByTestId('request-detail').locator('.chip--status-on_site').waitFor();
      await page.keyboard.press('KeyC');
      await page.getByTestId('close-form').waitFor();
      await page.keyboard.press('Control+Enter');
      await expect.poll(() => commandsSent(page)).toEqual(['request.close', 'request.close']);
      expect(await page.getByRole('dialog').count()).toBe(0);
      await page.close();
    }, 150_000);
  }

  it('shows who acted in the timeline (the operator’s id) and the hub’s digits in Persian', async () => {
    const page = await open();
    const id = await page.evaluate(renderedWith, ['assigned', 'en_route', 'on_site']);
    await page.locator(`[data-testid="request-row"][data-request-id="${id}"]`).click();
    const actors = page.getByTestId('timeline').getByTestId('timeline-actor');
    await actors.first().waitFor();
    expect(await actors.first().textContent()).toBe('اپراتور op-7');
    expect(await page.locator('.detail__id').textContent()).toBe(id.replace(/\d/g, (d) => String.fromCharCode(0x06f0 + Number(d))));
    await page.close();
  });

  it('shows link trouble: catching up with progress, reconnecting with a countdown', async () => {
    const replaying = await open('?link=replaying', 'en');
    expect(await replaying.getByTestId('link-status').getAttribute('data-state')).toBe('replaying');
    expect(await replaying.locator('[data-testid="link-status"] progress').getAttribute('value')).toBe('31234');
    await replaying.close();
    const reconnecting = await open('?link=reconnecting', 'en');
    expect(await reconnecting.getByTestId('link-status').textContent()).toMatch(/offline since .* next try (in 00:\d\d|now)/);
    expect(await reconnecting.getByTestId('outbox-pending').textContent()).toContain('2');
    await reconnecting.close();
  });

  it('keeps personal data off the wall display', async () => {
    const page = await open('?view=wall');
    expect(await page.getByTestId('kpi').count()).toBe(4);
    expect(await page.locator('[data-kpi="open"]').getAttribute('data-value')).toMatch(/^\d+$/);
    expect(await page.getByTestId('wall-urgent').locator('li').count()).toBeGreaterThan(0);
    const text = await page.evaluate(() => document.body.innerText);
    expect(text).not.toContain('زهرا احمدی');
    expect(await page.getByTestId('request-detail').count()).toBe(0);
    await page.close();
  });

  it('shows the citizen’s contact only on asking, for that request only', async () => {
    const page = await open('', 'en');
    const [first, second] = await page.getByTestId('request-row').evaluateAll((els) => els.slice(0, 2).map((e) => e.getAttribute('data-request-id')!));
    await page.locator(`[data-testid="request-row"][data-request-id="${first}"]`).click();
    const card = page.getByRole('region', { name: 'Citizen' });
    expect(await card.textContent()).not.toContain('09171234567');
    await card.getByRole('button', { name: "Show the citizen's name and phone (recorded)" }).click();
    await expect.poll(() => card.textContent()).toContain('زهرا احمدی');
    expect(await card.textContent()).toContain('09171234567');
    expect(await page.evaluate(() => (window as unknown as { harness: FakeCore }).harness.contactsShown)).toEqual([first]);
    // Never in the store's request data.
    expect(await page.evaluate(() => JSON.stringify((window as unknown as { store: typeof useConsole }).store.getState().requests))).not.toContain('زهرا');
    await page.locator(`[data-testid="request-row"][data-request-id="${second}"]`).click();
    await expect.poll(() => page.getByTestId('request-detail').getAttribute('data-request-id')).toBe(second);
    expect(await card.textContent()).not.toContain('زهرا احمدی');
    // Persian digits in Persian.
    await page.getByTestId('locale-switch').click();
    await page.getByRole('region', { name: 'شهروند' }).getByRole('button', { name: 'نمایش نام و تلفن شهروند (ثبت می‌شود)' }).click();
    await expect.poll(() => page.getByRole('region', { name: 'شهروند' }).textContent()).toContain('۰۹۱۷۱۲۳۴۵۶۷');
    await page.close();
  });
});

// Signing in, refusals, the locked screen and the next shift (docs/sign-in.md), on the fake core.
describe('signing in, in Chromium', { timeout: 90_000 }, () => {
  const SIGN_IN = '[data-testid="signin"]';
  const held = (page: Page) =>
    page.evaluate(() => {
      const s = (window as unknown as { store: typeof useConsole }).store.getState();
      return { requests: Object.keys(s.requests).length, crews: Object.keys(s.crews).length, selected: s.selectedRequestId, ready: s.ready, district: s.district };
    });

  it('refuses a wrong password without saying which field, empties it, then signs in (Persian, then English labels)', async () => {
    const page = await open('?as=signed_out', undefined, SIGN_IN);
    const form = page.getByRole('form', { name: 'ورود به کنسول' });
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('کنسول ۱۳۷');
    // The username field has the focus; Enter sends.
    await page.keyboard.type('op-7');
    await form.getByLabel('گذرواژه').fill('wrong-password');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('نام کاربری یا گذرواژه نادرست است.');
    expect(await form.getByLabel('گذرواژه').inputValue()).toBe('');
    expect(await form.getByLabel('نام کاربری').inputValue()).toBe('op-7');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('password');
    expect(await held(page)).toMatchObject({ requests: 0, ready: false });

    await page.getByTestId('locale-switch').click();
    const en = page.getByRole('form', { name: 'Sign in to the console' });
    await en.getByLabel('Password').fill(FAKE_PASSWORD);
    await en.getByLabel('Password').press('Enter');
    await page.getByTestId('operator-view').waitFor();
    expect(await page.getByRole('group', { name: 'Signed in' }).textContent()).toContain(FAKE_ACCOUNTS['op-7'].displayName);
    expect(await page.getByRole('group', { name: 'Signed in' }).textContent()).toContain('Operator');
    // The password went to the core and nowhere else.
    const kept = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.body.innerHTML);
    expect(kept).not.toContain(FAKE_PASSWORD);
    expect(kept).not.toContain('wrong-password');
    expect((await held(page)).requests).toBe(400);
    await page.close();
  });

  it('counts down while attempts are slowed down, then takes them again; a disabled account is told so', async () => {
    const page = await open('?as=signed_out', 'en', SIGN_IN);
    const form = page.getByRole('form', { name: 'Sign in to the console' });
    await form.getByLabel('Username').fill('op-8');
    for (let i = 0; i < FAKE_THROTTLE_AFTER; i++) {
      await form.getByLabel('Password').fill(`guess-${i}`);
      await form.getByLabel('Password').press('Enter');
      await expect.poll(() => form.getByLabel('Password').inputValue()).toBe('');
      await page.waitForFunction(() => !(document.querySelector('.signin__submit') as HTMLButtonElement).textContent?.includes('…'));
    }
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toMatch(/Try again in [1-4] s\./);
    const first = Number((await alert.textContent())!.match(/in (\d) s/)![1]);
    await expect.poll(() => alert.textContent().then((t) => Number(t!.match(/in (\d) s/)?.[1] ?? 0)), { timeout: 10_000 }).toBeLessThan(first);
    expect(await form.getByRole('button', { name: 'Sign in' }).isDisabled()).toBe(true);
    await alert.waitFor({ state: 'detached', timeout: 15_000 }); // the wait is over
    await form.getByLabel('Username').fill('op-9');
    await form.getByLabel('Password').fill(FAKE_PASSWORD);
    await form.getByLabel('Password').press('Enter');
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('This account is disabled. Ask the shift supervisor.');
    await form.getByLabel('Username').fill('op-8');
    await form.getByLabel('Password').fill(FAKE_PASSWORD);
    await form.getByLabel('Password').press('Enter');
    await page.getByTestId('operator-view').waitFor();
    await page.close();
  });

  it('locks (Shift+L, and the core’s idle timer): nothing of the queue is left; the same person or the next one signs in', async () => {
    const page = await open('', 'en');
    await page.getByTestId('request-row').first().click();
    await page.getByRole('button', { name: "Show the citizen's name and phone (recorded)" }).click();
    await expect.poll(() => page.getByTestId('citizen').textContent()).toContain('زهرا احمدی');
    await page.keyboard.press('Shift+KeyL');
    await page.locator(SIGN_IN).waitFor();
    expect(await page.getByTestId('signin-locked').textContent()).toContain(`Locked — ${FAKE_ACCOUNTS['op-7'].displayName} was signed in`);
    const form = page.getByRole('form', { name: 'Sign in to the console' });
    expect(await form.getByLabel('Username').inputValue()).toBe('op-7');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('password');
    expect(await held(page)).toEqual({ requests: 0, crews: 0, selected: null, ready: false, district: null });
    expect(await page.getByTestId('request-row').count()).toBe(0);
    expect(await page.evaluate(() => document.body.innerText)).not.toContain('زهرا احمدی');

    await form.getByLabel('Password').fill(FAKE_PASSWORD);
    await form.getByLabel('Password').press('Enter');
    await page.getByTestId('operator-view').waitFor();
    // The contact asked for before the lock is not shown again.
    expect(await page.getByTestId('citizen').count()).toBe(0);

    // The idle timer locks it; the next shift's operator signs in over it.
    await page.evaluate(() => (window as unknown as { harness: FakeCore }).harness.lockIdle());
    await page.locator(SIGN_IN).waitFor();
    expect(await held(page)).toMatchObject({ requests: 0, ready: false });
    await page.getByRole('button', { name: 'Sign in as someone else (shift change)' }).click();
    const next = page.getByRole('form', { name: 'Sign in to the console' });
    expect(await next.getByLabel('Username').inputValue()).toBe('');
    await page.keyboard.type('op-8'); // the emptied username field has the focus
    await next.getByLabel('Password').fill(FAKE_PASSWORD);
    await next.getByLabel('Password').press('Enter');
    await page.getByTestId('operator-view').waitFor();
    expect(await page.getByRole('group', { name: 'Signed in' }).textContent()).toContain(FAKE_ACCOUNTS['op-8'].displayName);
    expect(await page.evaluate(() => (window as unknown as { store: typeof useConsole }).store.getState().operatorId)).toBe('op-8');

    await page.getByRole('button', { name: 'Sign out of the account' }).click();
    await page.locator(SIGN_IN).waitFor();
    expect(await page.getByTestId('signin-locked').count()).toBe(0);
    expect((await held(page)).requests).toBe(0);
    await page.close();
  });

  it('lists the lock key in the help, and opens the mayor on the read-only wall with a sign-out', async () => {
    const page = await open('', 'en');
    await page.keyboard.press('Shift+Slash');
    expect(await page.getByRole('dialog').textContent()).toContain('Lock the screen');
    await page.close();
    const mayor = await open('?as=mayor-1', 'en');
    await mayor.getByTestId('wall-view').waitFor();
    expect(await mayor.getByRole('group', { name: 'Signed in' }).textContent()).toContain('Mayor');
    expect(await mayor.getByTestId('citizen').count()).toBe(0);
    await mayor.getByRole('button', { name: 'Sign out of the account' }).click();
    await mayor.locator(SIGN_IN).waitFor();
    await mayor.close();
    const wall = await open('?role=wall', 'en');
    expect(await wall.getByRole('group', { name: 'Signed in' }).count()).toBe(0);
    await wall.close();
  });
});
