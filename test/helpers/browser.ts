/**
 * What the browser tests share: the running service (API + worker, a database of its own, real Redis) with Debian's
 * chromium launched through playwright-core (headless, in a container), and signing in to the review page with an
 * API key.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Service } from '../../src/start.js';
import { startServiceRig } from './service.js';

/** Debian's chromium (`apt-get install chromium`; .ci/run installs it when missing). */
export const CHROMIUM = '/usr/bin/chromium';

// --disable-dev-shm-usage: containers often have a small /dev/shm, where Chromium's renderer would crash.
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'];

/** Launches chromium headless. @throws Error naming how to install it when it is missing */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium) to run the browser test`);
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
}

/** Opens the page at `url` signed out (the key lives in sessionStorage) and signs in with `key`. */
export async function signIn(page: Page, url: string, key: string): Promise<void> {
  await page.goto(`${url}/`);
  await page.evaluate('sessionStorage.clear()');
  await page.reload();
  await page.getByLabel('API key').fill(key);
  await page.getByRole('button', { name: 'Open' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/** The service and a browser for one test file; `close` stops both and drops the database. */
export interface BrowserRig {
  service: Service;
  browser: Browser;
  close(): Promise<void>;
}

/** Starts the service (API and worker) on a new database named after `name`, and chromium. */
export async function startBrowserRig(name: string): Promise<BrowserRig> {
  const rig = await startServiceRig(name);
  const browser = await launchChromium();
  return {
    service: rig.service,
    browser,
    async close() {
      await browser.close();
      await rig.close();
    },
  };
}
