// Two operators race to assign the same request: two consoles (two cores, each with its web
// shell; op-1 signed in on one, op-2 on the other) on ONE reference hub, in two browser contexts
// — op-1's in Persian, op-2's in English. The loser's toast names the winner, its deed and crew, from the event log, in the
// loser's language; the winner's window shows no refusal. Then two windows of one console race:
// only the one whose command lost is told.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { NewRequest } from '../../common/protocol/hub-protocol';
import { launchChromium, openLive } from '../support/browser';
import { startConsole, startStack, type Console, type Stack } from '../support/stack';

let stack: Stack;
let second: Console;
let browser: Browser;
const contexts: BrowserContext[] = [];

const CREWS = [
  ['crew-k1', 'اکیپ آسفالت — کریمی'],
  ['crew-k2', 'اکیپ آسفالت — رحیمی'],
  ['crew-k3', 'اکیپ آسفالت — حیدری'],
  ['crew-k4', 'اکیپ آسفالت — صادقی'],
  ['crew-k5', 'اکیپ آسفالت — اسدی'],
  ['crew-k6', 'اکیپ آسفالت — شریفی'],
] as const;
const crewName = (id: string) => CREWS.find(([c]) => c === id)![1];

beforeAll(async () => {
  stack = await startStack();
  second = await startConsole(stack.hub);
  const control = stack.hub.control;
  control.upsertContractor({ id: 'ctr-race', name: 'پیمانکار آسفالت', categories: ['pothole'] });
  for (const [id, name] of CREWS) control.upsertCrew({ id, name, contractorId: 'ctr-race', categories: ['pothole'] }, 'available');
  control.pushFixes(CREWS.map(([crewId], i) => ({ crewId, lon: 52.49 + i * 0.001, lat: 29.645 })));
  browser = await launchChromium();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await second?.close();
  await stack?.close();
});

async function open(url: string, locale: 'fa' | 'en', as: 'op-1' | 'op-2'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  contexts.push(context);
  await context.addInitScript((l) => localStorage.setItem('console137.locale', l), locale);
  return openLive(await context.newPage(), url, as);
}

/** A new request at the hub, selected in each page, each with the crew picker open. */
async function readyToAssign(pages: Page[]): Promise<NewRequest> {
  const request = stack.hub.control.createRequest({ category: 'pothole', location: { lon: 52.4905, lat: 29.6452 } });
  for (const page of pages) {
    const row = page.locator(`[data-testid="request-row"][data-request-id="${request.id}"]`);
    await row.click({ timeout: 15_000 });
    await page.locator(`[data-testid="request-detail"][data-request-id="${request.id}"]`).waitFor();
    await page.keyboard.press('KeyS');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('role')), { timeout: 10_000 }).toBe('listbox');
  }
  return request;
}

/** Who won at the hub: the operator and crew of the request's assignment. */
function winnerOf(requestId: string): { operatorId: string; crewId: string } {
  const e = stack.hub.control.readLog().find((x) => x.type === 'request.assigned' && (x.data as { id: string }).id === requestId);
  expect(e).toBeDefined();
  const data = e!.data as { operatorId: string; crewId: string };
  return { operatorId: data.operatorId, crewId: data.crewId };
}

const refusals = (page: Page) => page.locator('[data-testid="toast"][data-kind="command_failed"]');
/** The refusals about one request (its code in the page's digits), not a toast left from before. */
const refusalsOf = (page: Page, request: NewRequest, locale: 'fa' | 'en') =>
  refusals(page).filter({ hasText: request.id.replace(/\d/g, (d) => (locale === 'fa' ? String.fromCharCode(0x06f0 + Number(d)) : d)) });

/** The loser's toast names the winner and its crew, in the loser's language; the winner's shows none. */
async function expectTold(loser: Page, winner: Page, locale: 'fa' | 'en', request: NewRequest, winnerId: string, crewId: string) {
  const toast = refusalsOf(loser, request, locale);
  await toast.waitFor({ timeout: 20_000 });
  expect(await toast.getAttribute('data-code')).toBe('conflict');
  const cause = toast.getByTestId('toast-cause');
  expect(await cause.getAttribute('data-actor-id')).toBe(winnerId);
  const text = (await cause.textContent())!;
  expect(text).toContain(winnerId);
  expect(text).toContain(crewName(crewId));
  if (locale === 'fa') {
    expect(text).toMatch(/[۰-۹]+ ثانیه پیش/);
    expect(text).toContain('ارجاع داد');
    expect(text.replace(winnerId, '')).not.toMatch(/[0-9]/); // the age in Persian digits; the id as it is
  } else {
    expect(text).toMatch(new RegExp(`${winnerId}\u2069 assigned “.+” \\d+ sec ago\\.`));
  }
  // the hub's own words, isolated, beside it
  expect(await toast.locator('bdi').first().textContent()).toMatch(/already|crew/);
  expect(await refusalsOf(winner, request, locale === 'fa' ? 'en' : 'fa').count()).toBe(0);
}

describe('two operators racing on one request', { timeout: 120_000 }, () => {
  let fa: Page; // op-1's console, in Persian
  let en: Page; // op-2's console, in English

  it('a true race: whoever loses is told who won, in their language', async () => {
    fa = await open(stack.shell.url, 'fa', 'op-1');
    en = await open(second.shell.url, 'en', 'op-2');
    const request = await readyToAssign([fa, en]);
    await Promise.all([fa.keyboard.press('Enter'), en.keyboard.press('Enter')]);
    const { operatorId, crewId } = winnerOf(request.id);
    const [loser, winner, locale] = operatorId === 'op-1' ? [en, fa, 'en' as const] : [fa, en, 'fa' as const];
    await expectTold(loser, winner, locale, request, operatorId, crewId);
  });

  it('each language: the one that lost above wins now, while the hub holds its event back from the other', async () => {
    // Decide the order by who lost the first race, so both languages are seen losing.
    const firstLoser = (await refusals(fa).count()) > 0 ? fa : en;
    const [first, then] = firstLoser === fa ? [fa, en] : [en, fa];
    const request = await readyToAssign([first, then]);
    const control = stack.hub.control;
    control.pauseLive();
    const before = Object.keys(control.appliedCommands()).length;
    await first.keyboard.press('Enter');
    await expect.poll(() => Object.keys(control.appliedCommands()).length, { timeout: 15_000 }).toBe(before + 1);
    await then.keyboard.press('Enter'); // refused by the hub before its console has seen why
    await expect.poll(() => (then === fa ? stack : second).core.linkState().outboxPending, { timeout: 15_000 }).toBe(0);
    control.resumeLive();
    const { operatorId, crewId } = winnerOf(request.id);
    expect(operatorId).toBe(first === fa ? 'op-1' : 'op-2');
    await expectTold(then, first, then === fa ? 'fa' : 'en', request, operatorId, crewId);
  });

  it('two windows of one console: only the window whose command lost is told', async () => {
    const other = await open(stack.shell.url, 'fa', 'op-1'); // a second window of op-1's console
    const request = await readyToAssign([fa, other]);
    // At once: each window's view still shows the request unassigned when it sends.
    await Promise.all([fa.keyboard.press('Enter'), other.keyboard.press('Enter')]);
    const assigned = () => stack.hub.control.readLog().some((e) => e.type === 'request.assigned' && (e.data as { id: string }).id === request.id);
    await expect.poll(assigned, { timeout: 15_000 }).toBe(true);
    expect(winnerOf(request.id).operatorId).toBe('op-1');
    const [faTold, otherTold] = [refusalsOf(fa, request, 'fa'), refusalsOf(other, request, 'fa')];
    await expect.poll(async () => (await faTold.count()) + (await otherTold.count()), { timeout: 20_000 }).toBe(1);
    const toast = (await faTold.count()) ? faTold : otherTold;
    // the winner is this very console: named as this workstation
    const cause = await toast.getByTestId('toast-cause').textContent();
    expect(cause).toContain('op-1');
    expect(cause).toContain('همین ایستگاه');
    // both commands answered, and still one refusal: the other window was not told of it
    await expect.poll(() => stack.core.linkState().outboxPending, { timeout: 15_000 }).toBe(0);
    expect((await faTold.count()) + (await otherTold.count())).toBe(1);
  });
});
