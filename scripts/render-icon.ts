// Renders resources/icons/icon.svg to the 512×512 PNG electron-builder needs (it derives the
// Windows .ico and the Linux icon sizes from it): `npx tsx scripts/render-icon.ts`. Uses the
// Chromium the tests already drive, so the PNG matches what a browser draws.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { launchChromium } from '../test/support/browser';

const dir = path.resolve(import.meta.dirname, '../resources/icons');
const svg = readFileSync(path.join(dir, 'icon.svg'), 'utf8');
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 512, height: 512 } });
  await page.setContent(`<body style="margin:0;background:transparent">${svg}</body>`);
  const png = await page.locator('svg').screenshot({ omitBackground: true });
  writeFileSync(path.join(dir, 'icon.png'), png);
  console.log(`resources/icons/icon.png: ${png.length} bytes`);
} finally {
  await browser.close();
}
