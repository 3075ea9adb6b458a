// Debian's Chromium driven by playwright-core: the only browser this machine (and CI) can run.
import { chromium, type Browser, type Page } from 'playwright-core';

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

/** Goes to a console's page and waits until its link to the hub is live (a loaded box may take a while). */
export async function openLive(page: Page, url: string): Promise<Page> {
  await page.goto(url);
  await page.waitForSelector('[data-testid="link-status"][data-state="live"]', { timeout: 60_000 });
  return page;
}
