// The console's Runtime logs panel and Events timeline in a real browser against the real
// platform: a live app's printed lines appear with their instance, stderr coloured apart, new
// lines arrive while Follow is on, a search narrows the lines to plain-text matches, and the
// release's start is in the timeline. Screenshots go to test-results/screenshots/ (and
// docs/screenshots/ with PAAS_UPDATE_SCREENSHOTS=1). Runs alone, like the other console tests.
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, shot } from '../helpers/browser.js';
import { busyboxApp, FixtureRepo } from '../helpers/fixture-repo.js';
import { createApp, deploy, gql, waitForDeployment } from '../helpers/graphql.js';

describe('console runtime logs and events in a real browser', () => {
  const repo = new FixtureRepo();
  let appId = '';
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const cmd = `(i=0; while true; do i=$((i+1)); echo "GET /orders/$i 200 12ms"; [ $((i % 4)) = 0 ] && echo "slow query on orders ($i)" >&2; sleep 0.5; done) & exec httpd -f -p "$PORT" -h /www`;
    repo.commit(busyboxApp({ cmd }));
    appId = (await createApp({ name: `console-runtime-${Date.now().toString(36)}`, gitUrl: repo.url, healthCheckPath: '/cgi-bin/health' })).id;
    expect((await waitForDeployment((await deploy(appId)).id)).status).toBe('LIVE');
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(60_000);
    await page.goto(inject('gatewayUrl'));
    await page.getByRole('link', { name: 'Use the admin token' }).click();
    await page.getByLabel('Admin token').fill(inject('adminToken'));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Apps', exact: true }).waitFor();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await gql(`mutation($id: ID!) { deleteApp(id: $id) }`, { id: appId }).catch(() => undefined);
    repo.remove();
  });

  it('shows the lines with their instance, follows new ones, searches plain text, and shows the events', async () => {
    await page.goto(`${inject('gatewayUrl')}/#/apps/${appId}`);
    const logs = page.getByRole('log', { name: 'Runtime logs' });
    await expect.poll(() => logs.textContent(), { timeout: 30_000 }).toMatch(/GET \/orders\/\d+ 200/);
    await expect.poll(() => logs.locator('.rt-line.stderr').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(await logs.locator('.log-instance').first().getAttribute('title')).toMatch(/^paas-console-runtime-/);
    // live: more lines arrive without a reload
    const before = await logs.locator('.rt-line').count();
    await expect.poll(() => logs.locator('.rt-line').count(), { timeout: 30_000 }).toBeGreaterThan(before + 2);
    const events = page.locator('section', { has: page.getByRole('heading', { name: 'Events' }) });
    await expect.poll(() => events.textContent(), { timeout: 30_000 }).toContain('started');
    await shot(page.locator('section', { has: page.getByRole('heading', { name: 'Runtime logs' }) }), 'runtime-logs');
    await shot(events, 'app-events');

    // a search with regex metacharacters matches literally: only the stderr lines carry "("
    await page.getByLabel('Search runtime logs').fill('query on orders (');
    await page.getByLabel('Search runtime logs').press('Enter');
    await expect
      .poll(async () => (await logs.locator('.rt-line').allTextContents()).every((t) => t.includes('query on orders (')), { timeout: 30_000 })
      .toBe(true);
    expect(await logs.locator('.rt-line').count()).toBeGreaterThan(0);
  }, 180_000);
});
