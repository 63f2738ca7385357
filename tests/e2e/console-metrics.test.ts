// The console's Metrics card in a real browser (Chromium through playwright-core): a live,
// CPU-burning app's charts are drawn from App.metrics, the range buttons ask for another range,
// and the deployment is marked. The card's screenshot goes to test-results/screenshots/ (and
// docs/screenshots/ with PAAS_UPDATE_SCREENSHOTS=1). Runs alone, like the other browser tests.
import { type Browser, type Page } from 'playwright-core';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, shot } from '../helpers/browser.js';
import { busyboxApp, FixtureRepo } from '../helpers/fixture-repo.js';
import { createApp, deploy, gql, waitForDeployment } from '../helpers/graphql.js';
import { until } from '../helpers/wait.js';

describe('console metrics in a real browser', () => {
  const repo = new FixtureRepo();
  let browser: Browser | undefined;
  let page: Page;
  let appId = '';
  const pageErrors: string[] = [];

  afterAll(async () => {
    await browser?.close();
    if (appId) await gql(`mutation($id: ID!) { deleteApp(id: $id) }`, { id: appId }).catch(() => undefined);
    repo.remove();
  });

  it('draws CPU, memory and network charts of a live app, for each range', async () => {
    repo.commit(busyboxApp({ cmd: 'httpd -f -p "$PORT" -h /www & while :; do :; done' }));
    appId = (await createApp({ name: `metrics-ui-${Date.now().toString(36)}`, gitUrl: repo.url, healthCheckPath: '/cgi-bin/health' })).id;
    expect((await waitForDeployment((await deploy(appId)).id)).status).toBe('LIVE');
    // a few points at the card's 1 h step (15 s)
    await until(
      'metrics points',
      async () => (await gql(`query($id: ID!) { app(id: $id) { metrics(stepSeconds: 15) { at } } }`, { id: appId })).app.metrics.length >= 3,
      90_000,
      2_000,
    );

    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(60_000);
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && pageErrors.push(m.text()));
    await page.goto(inject('gatewayUrl'));
    await page.getByRole('link', { name: 'Use the admin token' }).click();
    await page.getByLabel('Admin token').fill(inject('adminToken'));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Apps', exact: true }).waitFor();
    await page.goto(`${inject('gatewayUrl')}/#/apps/${appId}`);

    const card = page.locator('section.metrics');
    await card.getByRole('heading', { name: 'Metrics' }).waitFor();
    await until('the charts to have points', async () => Number(await card.getAttribute('data-points')) >= 3, 30_000, 500).catch(async (err: Error) => {
      // what the card shows instead (an error, or no samples) says where it went wrong
      throw new Error(`${err.message}; the card says: ${await card.innerHTML()}; page errors: ${pageErrors.join(' | ')}`);
    });
    for (const chart of ['CPU (100 % = one core)', 'Memory', 'Network']) {
      await expect(card.locator(`figure[data-chart="${chart}"] canvas`).count()).resolves.toBe(1);
    }
    expect(await card.getByText('Dashed lines: deployments started in this range').count()).toBe(1);
    await shot(card, 'console-metrics');

    // another range: the buttons say which is chosen, and the charts stay
    await card.getByRole('button', { name: '24 h' }).click();
    await expect(card.getByRole('button', { name: '24 h' }).getAttribute('aria-pressed')).resolves.toBe('true');
    // 24 h reads the 1-minute rollups: the app's first completed minute is there a sampling interval
    // after it ends (up to a minute after the first sample), and the card refreshes every 15 s
    await until('the 24 h charts', async () => Number(await card.getAttribute('data-points')) >= 1, 90_000, 500);
  }, 300_000);
});
