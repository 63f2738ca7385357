// The console's browser tests: Debian's Chromium driven by playwright-core (with the flags a root
// container without a GPU needs), and screenshots of the screens they pass through
// (test-results/screenshots/, and docs/screenshots/ with PAAS_UPDATE_SCREENSHOTS=1).
import { copyFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

const root = resolve(import.meta.dirname, '../..');
const shots = join(root, 'test-results/screenshots');

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.PAAS_CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--no-first-run', '--disable-extensions'],
  });
}

/** A screenshot of a whole page, or of one card (a locator) when the page holds unrelated screens. */
export async function shot(target: Page | Locator, name: string): Promise<void> {
  mkdirSync(shots, { recursive: true });
  const file = join(shots, `${name}.png`);
  if ('goto' in target) await target.screenshot({ path: file, fullPage: true });
  else await target.screenshot({ path: file });
  if (process.env.PAAS_UPDATE_SCREENSHOTS === '1') {
    mkdirSync(join(root, 'docs/screenshots'), { recursive: true });
    copyFileSync(file, join(root, 'docs/screenshots', `${name}.png`));
  }
}
