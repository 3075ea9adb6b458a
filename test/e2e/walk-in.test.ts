// The walk-in and phone request form end to end, through real parts: reference hub → core
// (SQLite, outbox) → web shell → renderer in Debian Chromium. In Persian and in English: a request
// registered (category searched by name in either language, location clicked on the map or taken
// from a registered request's address) reaches the hub with its channel and the phone in Latin
// digits, and the list selects it; bad input is refused next to its field and nothing is sent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { StoredEvent } from '../../hub/state';
import { launchChromium, openLive } from '../support/browser';
import { startStack, type Stack } from '../support/stack';

let stack: Stack;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  stack = await startStack();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await openLive(page, `${stack.shell.url}&testHooks`);
  await page.waitForSelector('[data-testid="district-map"][data-map-ready="true"]', { timeout: 30_000 });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

/** The requests the hub has recorded as created by an operator's command, i.e. by this console. */
const createdByConsole = (): Array<StoredEvent['data']['request']> =>
  stack.hub.control
    .readLog()
    .filter((e) => e.type === 'request.created' && e.commandId)
    .map((e) => e.data.request);

type TestMap = { project(p: [number, number]): { x: number; y: number }; getCanvas(): HTMLCanvasElement; isMoving(): boolean };

/** Clicks the map where it draws [lon, lat], once it has stopped moving (a selection eases it). */
async function clickMap(lon: number, lat: number): Promise<void> {
  const moving = () => page.evaluate(() => (window as unknown as { __c137map: TestMap }).__c137map.isMoving());
  await expect.poll(moving, { timeout: 10_000 }).toBe(false);
  const at = await page.evaluate(([lon, lat]) => {
    const map = (window as unknown as { __c137map: TestMap }).__c137map;
    const p = map.project([lon, lat]);
    const box = map.getCanvas().getBoundingClientRect();
    return { x: box.left + p.x, y: box.top + p.y, inside: p.x > 0 && p.y > 0 && p.x < box.width && p.y < box.height };
  }, [lon, lat] as const);
  if (!at.inside) throw new Error(`[${lon}, ${lat}] is not in the map's view`);
  await page.mouse.click(at.x, at.y);
}

/** W as a Persian layout sends it: key "ص", physical code KeyW. */
async function pressPersianW(): Promise<void> {
  await page.evaluate(() => document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'ص', code: 'KeyW', bubbles: true, cancelable: true })));
}

const dialog = (name: string) => page.getByRole('dialog', { name });

describe('walk-in and phone requests, in Persian', () => {
  const form = () => dialog('ثبت درخواست حضوری یا تلفنی');

  it('registers a walk-in request: category by its Persian name, location clicked on the map, phone in Persian digits', async () => {
    await pressPersianW();
    await form().waitFor({ timeout: 10_000 });
    // Focus starts in the category search.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('combobox');

    await form().getByRole('combobox', { name: 'موضوع' }).fill('درخت');
    await form().getByRole('option', { name: /سقوط درخت/ }).click();
    // The category's default priority, shown and changeable.
    expect(await form().getByLabel('اولویت').inputValue()).toBe('urgent');
    await form().getByLabel('شرح').fill('درخت کهنسال روی پیاده‌رو افتاده است');
    await form().getByLabel('نشانی', { exact: true }).fill('بلوار زند، روبروی پارک آزادی');

    await form().getByRole('button', { name: 'انتخاب روی نقشه' }).click();
    await clickMap(52.49, 29.655);
    const location = form().getByRole('textbox', { name: 'موقعیت' });
    await expect.poll(() => location.inputValue()).toMatch(/^عرض ۲۹٫۶[۰-۹]+، طول ۵۲٫[۴۵][۰-۹]+$/);

    await form().getByLabel('نام شهروند').fill('مریم احمدی');
    await form().getByLabel('شمارهٔ همراه شهروند').fill('۰۹۱۲ ۳۴۵ ۶۷۸۹');

    // The deadlines it will get: Tehran time, Persian digits only.
    const deadlines = await form().getByTestId('walkin-deadlines').innerText();
    expect(deadlines).toMatch(/تأیید دریافت تا[\s\S]*۱۴۰[۵۶]\/[۰-۹]{2}\/[۰-۹]{2} [۰-۹]{2}:[۰-۹]{2}/);
    expect(deadlines).not.toMatch(/[0-9]/);

    const before = createdByConsole().length;
    await page.keyboard.press('Control+Enter');
    await form().waitFor({ state: 'detached', timeout: 10_000 });

    await expect.poll(() => createdByConsole().length, { timeout: 15_000 }).toBe(before + 1);
    const sent = createdByConsole().at(-1)!;
    expect(sent).toMatchObject({
      category: 'fallen_tree',
      priority: 'urgent',
      channel: 'walk_in',
      description: 'درخت کهنسال روی پیاده‌رو افتاده است',
      citizen: { name: 'مریم احمدی', phone: '09123456789' },
    });
    expect(sent.location.lon).toBeCloseTo(52.49, 3);
    expect(sent.location.lat).toBeCloseTo(29.655, 3);

    // In the list, and selected: first as the provisional row, then as the hub's request.
    await page.locator(`[data-testid="request-row"][data-request-id="${sent.id}"]`).waitFor({ timeout: 15_000 });
    await expect.poll(() => page.getAttribute('[data-testid="request-detail"]', 'data-request-id'), { timeout: 15_000 }).toBe(sent.id);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('request-detail');
  });

  it('refuses a bad phone next to its field and sends nothing until it is fixed', async () => {
    await page.getByTestId('walkin-open').click();
    await form().waitFor();
    await form().getByRole('combobox', { name: 'موضوع' }).fill('فاضلاب');
    await page.keyboard.press('Enter'); // the first match, سرریز فاضلاب
    await form().getByLabel('شرح').fill('فاضلاب در کوچه جاری است، شمارهٔ اشتباه');
    await form().getByLabel('نشانی', { exact: true }).fill('کوچهٔ ۱۴ خیابان قصرالدشت');
    await form().getByRole('button', { name: 'انتخاب روی نقشه' }).click();
    await clickMap(52.5, 29.645);
    const phone = form().getByLabel('شمارهٔ همراه شهروند');
    await phone.fill('۰۷۱۳۶۲۶۱۲۳۴'); // a Shiraz landline, not a mobile

    const before = createdByConsole().length;
    await form().getByRole('button', { name: 'ثبت و ارسال' }).click();
    const problem = form().getByTestId('problem-citizenPhone');
    await problem.waitFor();
    expect(await problem.innerText()).toContain('شمارهٔ همراه ایران نیست');
    expect(await phone.getAttribute('aria-invalid')).toBe('true');
    expect((await phone.getAttribute('aria-describedby'))?.split(' ')).toContain(await problem.getAttribute('id'));
    // Focus is taken to the field to fix, and the form says what is wrong.
    expect(await phone.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await form().getByRole('alert').innerText()).toContain('۱');

    await phone.fill('+98 917 111 2233');
    await expect.poll(() => problem.count()).toBe(0);
    await page.keyboard.press('Control+Enter');
    await form().waitFor({ state: 'detached', timeout: 10_000 });
    // Exactly one request: the refused attempt sent nothing.
    await expect.poll(() => createdByConsole().length, { timeout: 15_000 }).toBe(before + 1);
    expect(createdByConsole().filter((r) => r.description.includes('شمارهٔ اشتباه'))).toHaveLength(1);
    const sent = createdByConsole().at(-1)!;
    expect(sent.citizen.phone).toBe('09171112233');
    // The operator was on another request (the first one): the new one is selected all the same.
    await expect.poll(() => page.getAttribute('[data-testid="request-detail"]', 'data-request-id'), { timeout: 15_000 }).toBe(sent.id);
  });

  it('refuses a point outside the district, and Esc closes the form with nothing sent', async () => {
    await page.getByRole('button', { name: 'کل منطقه' }).click();
    await pressPersianW();
    await form().waitFor();
    await form().getByRole('button', { name: 'انتخاب روی نقشه' }).click();
    await clickMap(52.447, 29.64); // west of the boundary
    await form().getByRole('button', { name: 'ثبت و ارسال' }).click();
    expect(await form().getByTestId('problem-location').innerText()).toBe('این نقطه بیرون از منطقه است');
    expect(await form().getByTestId('problem-category').innerText()).toBe('این بخش لازم است');
    const before = createdByConsole().length;
    await page.keyboard.press('Escape');
    await form().waitFor({ state: 'detached' });
    // Focus goes back where it was when W opened the form.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('map-fit');
    expect(createdByConsole()).toHaveLength(before);
  });
});

describe('walk-in and phone requests, in English', () => {
  const form = () => dialog('New walk-in or phone request');

  beforeAll(async () => {
    await page.click('[data-testid="locale-switch"]');
    await page.waitForSelector('html[lang="en"]');
  });

  it('registers a phone request: category by its English name, location from a registered request’s address', async () => {
    const known = stack.hub.control.createRequest({ address: 'Zand Boulevard 17, by the old bazaar', location: { lon: 52.51, lat: 29.64 } });
    await page.locator(`[data-testid="request-row"][data-request-id="${known.id}"]`).waitFor({ timeout: 15_000 });

    await page.getByRole('button', { name: /New request/ }).click();
    await form().waitFor();
    await form().getByRole('radio', { name: '137 phone' }).check();
    await form().getByRole('combobox', { name: 'Category' }).fill('FLOOD');
    await form().getByRole('option', { name: /Street flooding/ }).click();
    await form().getByLabel('Description').fill('Water up to the kerb after the storm');
    await form().getByRole('combobox', { name: /address of a registered request/ }).fill('zand boul');
    await form().getByRole('option', { name: /Zand Boulevard 17/ }).click();
    // The address is taken too, when none was typed; the location is the registered request's.
    expect(await form().getByLabel('Address', { exact: true }).inputValue()).toBe(known.address);
    expect(await form().getByRole('textbox', { name: 'Location' }).inputValue()).toBe('lat 29.64, lon 52.51');
    const deadlines = await form().getByTestId('walkin-deadlines').innerText();
    expect(deadlines).toMatch(/Acknowledge by\s+\d{2}\/\d{2}\/\d{4} \d{2}:\d{2} \(10m\)/);

    const before = createdByConsole().length;
    await form().getByRole('button', { name: 'Register and send' }).click();
    await form().waitFor({ state: 'detached', timeout: 10_000 });
    await expect.poll(() => createdByConsole().length, { timeout: 15_000 }).toBe(before + 1);
    const sent = createdByConsole().at(-1)!;
    expect(sent).toMatchObject({ category: 'flooding', priority: 'urgent', channel: 'phone', address: known.address, location: known.location, citizen: {} });
    await expect.poll(() => page.getAttribute('[data-testid="request-detail"]', 'data-request-id'), { timeout: 15_000 }).toBe(sent.id);
  });

  it('shows the likely duplicates nearby before sending, and sends nothing for them', async () => {
    const original = stack.hub.control.createRequest({
      category: 'pothole',
      description: 'Deep pothole in the middle of Karim Khan Street',
      address: 'Karim Khan Zand Street 40',
      location: { lon: 52.5, lat: 29.66 },
    });
    const elsewhere = stack.hub.control.createRequest({
      category: 'pothole',
      description: 'Deep pothole in the middle of Karim Khan Street',
      address: 'Karim Khan Zand Street 90',
      location: { lon: 52.51, lat: 29.66 }, // the same words, 970 m away
    });
    await page.locator(`[data-testid="request-row"][data-request-id="${elsewhere.id}"]`).waitFor({ timeout: 15_000 });

    await page.getByTestId('walkin-open').click();
    await form().waitFor();
    const duplicates = form().getByRole('region', { name: 'Similar requests nearby' });
    expect(await duplicates.innerText()).toContain('Checked once a category and a location are chosen');
    await form().getByRole('combobox', { name: 'Category' }).fill('pothole');
    await page.keyboard.press('Enter');
    await form().getByLabel('Description').fill('pothole in the middle of Karim Khan street, very deep');
    await form().getByRole('combobox', { name: /address of a registered request/ }).fill('Karim Khan Zand Street 40');
    await form().getByRole('option', { name: /Street 40/ }).click();

    const list = duplicates.getByRole('listbox');
    await list.waitFor({ timeout: 15_000 });
    const options = await list.getByRole('option').allInnerTexts();
    expect(options).toHaveLength(1);
    expect(options[0]).toContain(original.id);
    expect(options[0]).toMatch(/0 m/);
    // Choosing it shows it: the operator can look before deciding.
    await list.getByRole('option').first().click();
    await expect.poll(() => page.getAttribute('[data-testid="request-detail"]', 'data-request-id')).toBe(original.id);
    expect(await form().getByTestId('walkin-deadlines').innerText()).toMatch(/Resolve by\s+\d{2}\/\d{2}\/\d{4}/);

    // Another category at the same place is no duplicate.
    await form().getByRole('combobox', { name: 'Category' }).fill('graffiti');
    await page.keyboard.press('Enter');
    await expect.poll(() => duplicates.innerText(), { timeout: 15_000 }).toContain('No similar request nearby');
    const before = createdByConsole().length;
    await page.keyboard.press('Escape');
    await form().waitFor({ state: 'detached' });
    expect(createdByConsole()).toHaveLength(before);
  });

  it('refuses an empty form field by field, with the limits of §3.1', async () => {
    await page.getByTestId('walkin-open').click();
    await form().waitFor();
    await form().getByLabel('Address', { exact: true }).fill('x'.repeat(501));
    await page.keyboard.press('Control+Enter');
    const problems = async () => Object.fromEntries(await form().locator('[data-testid^="problem-"]').evaluateAll((els) => els.map((e) => [e.getAttribute('data-testid'), e.textContent])));
    expect(await problems()).toEqual({
      'problem-category': 'Required',
      'problem-description': 'Required',
      'problem-address': 'Longer than 500 characters',
      'problem-location': 'Required',
    });
    expect(await form().getByRole('combobox', { name: 'Category' }).evaluate((el) => el === document.activeElement)).toBe(true);
    await form().getByRole('button', { name: 'Cancel' }).click();
    await form().waitFor({ state: 'detached' });
  });
});
