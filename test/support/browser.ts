// Debian's Chromium driven by playwright-core: the only browser this machine (and CI) can run.
import { chromium, type Browser, type Page } from 'playwright-core';
import { dictionaries } from '../../common/i18n';
import { TEST_PASSWORD } from './callers';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      // MapLibre needs WebGL; here it is software-rendered.
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--ignore-gpu-blocklist',
    ],
  });
}

/** A sign-in screen's name in either language, as a pattern (the page may be in Persian or English). */
function either(pick: (t: (typeof dictionaries)['fa']['signin']) => string): RegExp {
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^(${Object.values(dictionaries).map((d) => escape(pick(d.signin))).join('|')})$`);
}

/** The sign-in form, found by its role and name, whichever language the page is in. */
export const signInForm = (page: Page) => page.getByRole('form', { name: either((t) => t.form) });

/** Signs in through the form as a person does: the username (replacing what is there), the password, Enter. */
export async function signIn(page: Page, username: string, password = TEST_PASSWORD): Promise<void> {
  const form = signInForm(page);
  await form.getByLabel(either((t) => t.username)).fill(username, { timeout: 60_000 });
  await form.getByLabel(either((t) => t.password)).fill(password);
  await form.getByLabel(either((t) => t.password)).press('Enter');
}

/** Goes to a console's page, signs in as `as`, and waits until its link to the hub is live (a loaded box may take a while). */
export async function openLive(page: Page, url: string, as = 'op-1'): Promise<Page> {
  await page.goto(url);
  await signIn(page, as);
  await page.waitForSelector('[data-testid="link-status"][data-state="live"]', { timeout: 60_000 });
  return page;
}

/** Reloads the page: a new session at the core, so signs in again as `as`, and waits for the live link. */
export async function reloadLive(page: Page, as = 'op-1'): Promise<Page> {
  await page.reload();
  await signIn(page, as);
  await page.waitForSelector('[data-testid="link-status"][data-state="live"]', { timeout: 60_000 });
  return page;
}
