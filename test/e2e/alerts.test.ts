// Alerts and the keyboard, end to end: reference hub → core (SQLite) → web shell → renderer in
// Debian Chromium. Keys are sent as the Persian layout types them (`key` 'ت' on the physical
// `code` KeyJ) through CDP, as trusted key events, so the console must act on the physical key.
// The page counts the sounds it starts (`window.__c137sounds`, with ?testHooks).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { localDigits } from '../../renderer/src/i18n/format';
import { launchChromium, openLive } from '../support/browser';
import type { Caller } from '../../common/api/rpc';
import { signedIn } from '../support/callers';
import { startStack, type Stack } from '../support/stack';

let stack: Stack;
/** A session of the console signed in as op-1, for the test's own direct calls to the core. */
let operator: Caller;
let browser: Browser;
let page: Page;
let keys: CDPSession;

/** Physical keys as the Persian (ISIRI 9147) layout types them. */
const FA = {
  KeyJ: { key: 'ت', vk: 74 },
  KeyS: { key: 'س', vk: 83 },
  KeyA: { key: 'ش', vk: 65 },
  KeyK: { key: 'ن', vk: 75 },
  KeyG: { key: 'ل', vk: 71 },
  Slash: { key: '؟', vk: 191, shift: true },
  Enter: { key: 'Enter', vk: 13 },
  Escape: { key: 'Escape', vk: 27 },
  ShiftLeft: { key: 'Shift', vk: 16 },
} as const;
type Code = keyof typeof FA;

let keysSent = 0;
async function press(session: CDPSession, code: Code, key: string = FA[code].key): Promise<void> {
  const { vk } = FA[code];
  const modifiers = 'shift' in FA[code] ? 8 : 0;
  const text = code === 'Enter' ? '\r' : key.length === 1 ? key : undefined;
  await session.send('Input.dispatchKeyEvent', { type: 'keyDown', key, code, windowsVirtualKeyCode: vk, modifiers, ...(text && { text }) });
  await session.send('Input.dispatchKeyEvent', { type: 'keyUp', key, code, windowsVirtualKeyCode: vk, modifiers });
  keysSent++;
}

const sounds = (p: Page, kind: string) => p.evaluate((k) => (window as unknown as { __c137sounds?: Record<string, number> }).__c137sounds?.[k] ?? 0, kind);
const focused = (p: Page) => p.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName);
const detailId = (p: Page) => p.getByTestId('request-detail').getAttribute('data-request-id');
const assigned = (requestId: string) =>
  stack.hub.control.readLog().find((e) => e.type === 'request.assigned' && (e.data as { id: string }).id === requestId);
const acknowledged = (requestId: string) =>
  stack.hub.control.readLog().some((e) => e.type === 'request.acknowledged' && (e.data as { id: string }).id === requestId);

const SITE = { lon: 52.49, lat: 29.65 };
const urgentTree = () => stack.hub.control.createRequest({ priority: 'urgent', category: 'fallen_tree', location: SITE, address: 'بلوار چمران، کوچهٔ ۱۲' });

async function openConsole(p: Page): Promise<void> {
  await openLive(p, `${stack.shell.url}&testHooks`);
}

beforeAll(async () => {
  stack = await startStack();
  operator = await signedIn(stack.core, 'operator');
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  keys = await page.context().newCDPSession(page);
  await openConsole(page);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

// A software-rendered map and a shared two-core machine: generous time everywhere.
describe('alerts and keys end to end', { timeout: 120_000 }, () => {
  it('notifies the desktop while in the background; clicking the notice selects the request', async () => {
    // Its own context (own storage), the window reporting itself unfocused and notifications
    // allowed, recording what is shown (headless Chromium has no notification centre).
    const context = await browser.newContext({ viewport: { width: 1600, height: 900 } });
    await context.addInitScript(() => {
      const shown: Array<{ title: string; body?: string; onclick: (() => void) | null }> = [];
      (window as unknown as { __shown: typeof shown }).__shown = shown;
      class Recorded {
        static permission = 'granted';
        static requestPermission = async () => 'granted';
        onclick: (() => void) | null = null;
        constructor(
          public title: string,
          o?: NotificationOptions,
        ) {
          shown.push(Object.assign(this, { body: o?.body }));
        }
        close() {}
      }
      (window as unknown as { Notification: unknown }).Notification = Recorded;
      document.hasFocus = () => false;
    });
    const other = await context.newPage();
    const otherKeys = await context.newCDPSession(other);
    try {
      await openConsole(other);
      const r = urgentTree();
      const shown = () => other.evaluate(() => (window as unknown as { __shown: Array<{ title: string; body?: string }> }).__shown.map((n) => `${n.title} | ${n.body}`));
      await expect.poll(shown, { timeout: 15_000 }).toEqual([expect.stringContaining('درخواست فوری تازه')]);
      expect((await shown())[0]).toContain(localDigits(r.id, 'fa')); // tracking codes in Persian digits
      await other.evaluate(() => (window as unknown as { __shown: Array<{ onclick(): void }> }).__shown[0].onclick());
      await expect.poll(() => detailId(other), { timeout: 10_000 }).toBe(r.id);
      // Acknowledged here so that later tests start with no open urgent alert.
      await press(otherKeys, 'KeyA');
      await expect.poll(() => acknowledged(r.id), { timeout: 15_000 }).toBe(true);
    } finally {
      await context.close();
    }
  });

  it('says sound is blocked until a key is pressed, then sounds a new urgent request, repeats it every 30 s, and stops once it is acknowledged', async () => {
    // Chromium's autoplay policy holds the page's audio until a key press or a click: said so, and
    // any key (a trusted one: CDP's) lets it play.
    const hint = page.getByTestId('sound-hint');
    expect(await hint.textContent()).toContain('صدا را مرورگر بسته است');
    expect(await page.getByTestId('sound-controls').getAttribute('data-audio')).toBe('blocked');
    await press(keys, 'ShiftLeft');
    await hint.waitFor({ state: 'detached', timeout: 10_000 });
    const before = await sounds(page, 'urgent');
    const first = urgentTree();
    await expect.poll(() => sounds(page, 'urgent'), { timeout: 15_000 }).toBe(before + 1);
    await expect.poll(() => page.getByTestId('alert-live-assertive').textContent(), { timeout: 5_000 }).toContain(localDigits(first.id, 'fa'));

    // J selects the newest alert's request and puts the keys on its details; A acknowledges it.
    await press(keys, 'KeyJ');
    await expect.poll(() => detailId(page), { timeout: 10_000 }).toBe(first.id);
    expect(await focused(page)).toBe('request-detail');
    await press(keys, 'KeyA');
    await expect.poll(() => acknowledged(first.id), { timeout: 15_000 }).toBe(true);
    expect(await focused(page)).toBe('request-detail');

    const second = urgentTree();
    await expect.poll(() => sounds(page, 'urgent'), { timeout: 15_000 }).toBe(before + 2);
    // 30 s later the second sounds again; the first, acknowledged, did not (its repeat was due earlier).
    await expect.poll(() => sounds(page, 'urgent'), { timeout: 60_000, interval: 1000 }).toBe(before + 3);

    await press(keys, 'KeyG');
    const list = page.getByRole('dialog', { name: 'هشدارها' });
    await list.waitFor({ timeout: 5_000 });
    const item = (id: string) => list.locator(`[data-testid="alert-item"][data-request-id="${id}"]`);
    expect(await item(second.id).getAttribute('data-sounded')).toBe('2');
    expect(await item(second.id).getAttribute('data-state')).toBe('open');
    expect(await item(second.id).textContent()).toContain('درخواست فوری تازه');
    expect(await item(first.id).getAttribute('data-sounded')).toBe('1');
    expect(await item(first.id).getAttribute('data-state')).toBe('handled');
    expect(await item(first.id).textContent()).toContain('رسیدگی شد');
    await press(keys, 'Escape');
    await list.waitFor({ state: 'detached', timeout: 5_000 });
    expect(await focused(page)).toBe('alert-button');
    await press(keys, 'KeyG'); // G opens it with the keys on the newest alert, and closes it again
    await list.waitFor({ timeout: 5_000 });
    expect(await focused(page)).toBe('alert-item');
    await press(keys, 'KeyG');
    await list.waitFor({ state: 'detached', timeout: 5_000 });
    expect(await focused(page)).toBe('alert-button');

    await press(keys, 'KeyJ'); // the newest open alert: the second request
    await expect.poll(() => detailId(page), { timeout: 10_000 }).toBe(second.id);
    await press(keys, 'KeyA');
    await expect.poll(() => acknowledged(second.id), { timeout: 15_000 }).toBe(true);
  });

  it('goes from a new urgent request’s alert to the nearest crew of its trade assigned in three keys, on the Persian layout', async () => {
    const control = stack.hub.control;
    for (const [id, name] of [['crew-green-near', 'اکیپ فضای سبز — نزدیک'], ['crew-green-far', 'اکیپ فضای سبز — دور']]) {
      control.upsertCrew({ id, name, contractorId: 'ctr-green', categories: ['fallen_tree'] }, 'available');
    }
    const fixed = async () =>
      (await stack.core.handlers.queries.bootstrap({}, operator)).crews.filter((c) => c.id.startsWith('crew-green')).length;
    await expect.poll(fixed, { timeout: 10_000 }).toBe(2);
    control.pushFixes([
      { crewId: 'crew-green-near', lon: SITE.lon + 0.004, lat: SITE.lat, heading: 0 },
      { crewId: 'crew-green-far', lon: SITE.lon + 0.03, lat: SITE.lat, heading: 0 },
    ]);
    const fixesIn = async () =>
      (await stack.core.handlers.queries.bootstrap({}, operator)).crews.filter((c) => c.id.startsWith('crew-green') && c.fix).length;
    await expect.poll(fixesIn, { timeout: 10_000 }).toBe(2);

    const r = urgentTree();
    await expect.poll(() => page.getByTestId('alert-live-assertive').textContent(), { timeout: 15_000 }).toContain(localDigits(r.id, 'fa'));
    keysSent = 0;
    await press(keys, 'KeyJ');
    await expect.poll(() => detailId(page), { timeout: 10_000 }).toBe(r.id);
    await press(keys, 'KeyS');
    const first = page.getByRole('listbox').getByRole('option').first();
    await expect.poll(() => first.getAttribute('data-crew-id'), { timeout: 10_000 }).toBe('crew-green-near');
    expect(await first.getAttribute('aria-selected')).toBe('true');
    await press(keys, 'Enter');
    await expect.poll(() => assigned(r.id)?.data, { timeout: 15_000 }).toMatchObject({ id: r.id, crewId: 'crew-green-near' });
    expect(assigned(r.id)?.actor).toMatchObject({ kind: 'operator', id: 'op-1' }); // the account signed in on the page
    expect(keysSent).toBeLessThanOrEqual(4);
    // The picker closed and gave the keys back to the request's details, not to the page.
    await page.getByTestId('crew-picker').waitFor({ state: 'detached', timeout: 10_000 });
    expect(await focused(page)).toBe('request-detail');
  });

  it('mutes with K, remembered after a reload', async () => {
    const mute = page.getByTestId('mute');
    expect(await mute.getAttribute('aria-pressed')).toBe('false');
    await press(keys, 'KeyK');
    await expect.poll(() => mute.getAttribute('aria-pressed')).toBe('true');
    const before = await sounds(page, 'normal');
    const r = stack.hub.control.createRequest({ priority: 'normal', category: 'pothole', location: SITE });
    await expect.poll(() => page.getByTestId('alert-live-polite').textContent(), { timeout: 15_000 }).toContain(localDigits(r.id, 'fa'));
    expect(await sounds(page, 'normal')).toBe(before);

    await openConsole(page);
    expect(await page.getByTestId('mute').getAttribute('aria-pressed')).toBe('true');
    await press(keys, 'KeyK');
    await expect.poll(() => page.getByTestId('mute').getAttribute('aria-pressed')).toBe('false');
  });

  it('lists every shortcut with `?`, with the fast path, in Persian and in English', async () => {
    await page.locator('[data-testid="request-row"]').first().click(); // a selected request registers its action keys
    const origin = await focused(page);
    await press(keys, 'Slash');
    const fa = page.getByRole('dialog', { name: 'میان‌برهای صفحه‌کلید' });
    await fa.waitFor({ timeout: 5_000 });
    const ids = await fa.getByTestId('shortcut').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-shortcut-id')));
    expect(ids).toEqual(expect.arrayContaining(['alerts.jump', 'alerts.list', 'alerts.mute', 'queue.next', 'queue.openDetail', 'action.assign', 'action.acknowledge', 'help.open']));
    expect(new Set(ids).size).toBe(ids.length);
    expect(await fa.getByRole('region', { name: 'هشدارها' }).textContent()).toContain('رفتن به درخواستِ تازه‌ترین هشدار');
    expect(await fa.getByTestId('fast-path').textContent()).toMatch(/J.*S.*Enter/);
    await press(keys, 'Escape');
    await fa.waitFor({ state: 'hidden', timeout: 5_000 });
    await expect.poll(() => focused(page), { timeout: 5_000 }).toBe(origin);

    await page.getByTestId('locale-switch').click();
    await press(keys, 'Slash', '?');
    const en = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await en.waitFor({ timeout: 5_000 });
    expect(await en.getByRole('region', { name: 'Actions on the selected request' }).textContent()).toContain('Assign');
    expect(await en.getByTestId('fast-path').textContent()).toContain('Open the crew picker');
    await press(keys, 'Slash', '?'); // the same key closes it
    await en.waitFor({ state: 'hidden', timeout: 5_000 });
    await page.getByTestId('locale-switch').click();
  });
});
