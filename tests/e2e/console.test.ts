// The console in a real browser (Debian's Chromium, driven by playwright-core) against the real
// platform: sign in, create an app, deploy and watch the steps and the log reach LIVE, open the
// app, see a failed deployment explained, roll back, edit an env var, create and delete a
// schedule, survive a gateway restart, delete the app. Screenshots of the main screens go to
// test-results/screenshots/ (and to docs/screenshots/ with PAAS_UPDATE_SCREENSHOTS=1).
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, shot } from '../helpers/browser.js';
import { busyboxApp, FixtureRepo } from '../helpers/fixture-repo.js';
import { makeZip } from '../helpers/zip.js';
import { gql } from '../helpers/graphql.js';
import { killProcess, restarted } from '../helpers/processes.js';

const NAME = 'console-demo';
const SITE = 'console-site';

describe('console in a real browser', () => {
  const repo = new FixtureRepo();
  let browser: Browser;
  let page: Page;
  const v1 = repo.commit(busyboxApp({ body: 'hello from v1\n' }), 'v1');

  beforeAll(async () => {
    // runs alone, after the other test files: what they left behind would hide the empty state
    const { apps } = await gql(`{ apps { id } }`);
    for (const a of apps) await gql(`mutation($id: ID!) { deleteApp(id: $id) }`, { id: a.id });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(60_000);
  });

  afterAll(async () => {
    await browser?.close();
    const { apps } = await gql(`{ apps { id name } }`);
    for (const a of apps.filter((a: { name: string }) => [NAME, SITE, 'hello'].includes(a.name)))
      await gql(`mutation($id: ID!) { deleteApp(id: $id) }`, { id: a.id });
    repo.remove();
  });

  const selectedStatus = () => page.locator('[data-selected-deployment] h2 [data-status]').getAttribute('data-status');
  async function waitForSelected(status: string): Promise<void> {
    await expect
      .poll(
        async () => {
          const now = await selectedStatus();
          // a deployment that failed instead says why (the failure box), not just FAILED
          if (now === 'FAILED' && status !== 'FAILED') return `FAILED: ${await page.locator('[data-selected-deployment] .failure').textContent()}`;
          return now;
        },
        { timeout: 120_000, interval: 250 },
      )
      .toBe(status);
  }

  it('signs in with the admin token, refusing a wrong one clearly', async () => {
    await page.goto(inject('gatewayUrl'));
    await shot(page, '1-sign-in');
    // email and password come first now; the admin token is one link away
    await page.getByRole('link', { name: 'Use the admin token' }).click();
    await page.getByLabel('Admin token').fill('not-the-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/^That token was not accepted/);
    await page.getByLabel('Admin token').fill(inject('adminToken'));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Apps', exact: true }).waitFor();
  });

  it('shows a newcomer what to do: the sample site deploys, deploys again and rolls back in a few clicks', async () => {
    await page.getByRole('heading', { name: 'No apps yet' }).waitFor();
    await shot(page, '0-first-visit');
    await page.getByRole('button', { name: 'Create the sample site' }).click();
    await page.getByRole('heading', { name: 'hello', level: 1 }).waitFor();
    for (let i = 0; i < 2; i++) {
      await page.getByRole('button', { name: 'Deploy', exact: true }).click();
      await expect.poll(() => page.locator('tr[data-deployment]').count()).toBe(i + 1);
      await waitForSelected('LIVE');
    }
    const first = page.locator('tr[data-status="SUPERSEDED"]');
    await first.getByRole('button', { name: 'Roll back' }).click();
    await first.getByRole('dialog').getByRole('button', { name: 'Roll back' }).click();
    await expect.poll(() => page.locator('tr[data-deployment]').count()).toBe(3);
    await waitForSelected('LIVE');
    const site = await browser.newPage();
    await site.goto(`http://hello.${inject('baseDomain')}:${inject('edgePort')}/`);
    expect(await site.textContent('h1')).toBe('Hello from the PaaS');
    await site.close();
    await gql(`mutation($id: ID!) { deleteApp(id: $id) }`, { id: (await gql(`{ app(name: "hello") { id } }`)).app.id });
    await page.goto(`${inject('gatewayUrl')}/#/`);
  });

  it('creates an app, with the API’s validation messages on bad input', async () => {
    await page.getByRole('link', { name: 'New app' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Not A Name');
    await page.getByRole('button', { name: 'Create app' }).click();
    await expect.poll(() => page.locator('#name-error').textContent()).toMatch(/^Invalid app name "Not A Name"/);
    await page.getByLabel('Name', { exact: true }).fill(NAME);
    await page.getByLabel('Git repository URL').fill(repo.url);
    await page.getByLabel('Health check path').fill('/cgi-bin/health');
    await page.getByRole('button', { name: 'Add variable' }).click();
    await page.getByLabel('Name of variable 1').fill('GREETING');
    await page.getByLabel('Value of variable 1').fill('hi from the console');
    await shot(page, '2-create-app');
    await page.getByRole('button', { name: 'Create app' }).click();
    await page.getByRole('heading', { name: NAME, level: 1 }).waitFor();
  });

  it('deploys: the steps and the log stream until LIVE, and the app answers at its URL', async () => {
    await page.getByRole('button', { name: 'Deploy', exact: true }).click();
    await waitForSelected('LIVE');
    await expect.poll(() => page.locator('[data-step][data-status="SUCCEEDED"]').count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(6);
    await expect.poll(() => page.getByRole('log', { name: 'Log', exact: true }).textContent(), { timeout: 30_000 }).toContain('Deployment is LIVE.');
    await shot(page, '3-app-live');
    // the deployment's workflow in the Temporal Web UI
    const workflowLink = await page.getByRole('link', { name: 'Workflow in Temporal' }).getAttribute('href');
    expect(workflowLink).toMatch(/\/namespaces\/default\/workflows\/deploy-[0-9a-f-]{36}$/);
    expect((await fetch(workflowLink!)).status).toBe(200);
    const url = await page.locator('a.url').getAttribute('href');
    expect(url).toBe(`http://${NAME}.${inject('baseDomain')}:${inject('edgePort')}/`);
    const site = await browser.newPage();
    await site.goto(url!);
    expect(await site.textContent('body')).toContain('hello from v1');
    await site.close();
  });

  it('explains a failed deployment, while the previous release keeps serving', async () => {
    repo.commit(busyboxApp({ body: 'hello from v2\n', health: 'fail' }), 'broken');
    await page.getByRole('button', { name: 'Deploy', exact: true }).click();
    await waitForSelected('FAILED');
    const failure = await page.locator('.failure').textContent();
    expect(failure).toContain('Why it failed:');
    expect(failure).toMatch(/VERIFY failed: Health check failed: GET \/cgi-bin\/health did not answer 2xx/);
    expect(await page.locator('[data-step="VERIFY"]').getAttribute('data-status')).toBe('FAILED');
    expect(await page.locator('[data-step="RUN"]').getAttribute('data-status')).toBe('COMPENSATED');
    await shot(page, '4-deployment-failed');
  });

  it('rolls back to an earlier release with a confirmation', async () => {
    repo.commit(busyboxApp({ body: 'hello from v3\n' }), 'v3');
    await page.getByRole('button', { name: 'Deploy', exact: true }).click();
    await waitForSelected('LIVE');
    const v1Row = page.locator(`tr[data-status="SUPERSEDED"]`).filter({ hasText: v1.slice(0, 7) });
    await v1Row.getByRole('button', { name: 'Roll back' }).click();
    await shot(page, '5-rollback-confirm');
    await v1Row.getByRole('dialog').getByRole('button', { name: 'Roll back' }).click();
    await expect.poll(() => page.locator('[data-selected-deployment] p.muted').first().textContent(), { timeout: 30_000 }).toMatch(/^rollback/);
    await waitForSelected('LIVE');
    const site = await browser.newPage();
    await site.goto(`http://${NAME}.${inject('baseDomain')}:${inject('edgePort')}/`);
    expect(await site.textContent('body')).toContain('hello from v1');
    await site.close();
  });

  it('edits env vars (secrets write-only) and manages a redeploy schedule with a preview', async () => {
    await page.getByLabel('Name', { exact: true }).fill('API_KEY');
    await page.getByLabel('Value', { exact: true }).fill('s3cret-value');
    await page.getByLabel('Secret').check();
    await page.getByRole('button', { name: 'Save variable' }).click();
    await page.locator('[data-env="API_KEY"]').waitFor();
    expect(await page.locator('[data-env="API_KEY"]').textContent()).toContain('secret, write-only');
    expect(await page.content()).not.toContain('s3cret-value');

    await page.getByLabel('Cron (UTC) or @every').fill('0 3 * * *');
    await expect.poll(() => page.locator('#cron-preview').textContent()).toMatch(/^Next runs: \d{4}-\d\d-\d\d 03:00 UTC/);
    await page.getByRole('button', { name: 'Add schedule' }).click();
    await page.locator('[data-schedule="0 3 * * *"]').waitFor();
    await shot(page, '6-env-and-schedules');
    await page.getByRole('button', { name: 'Delete schedule 0 3 * * *' }).click();
    await page.locator('[data-schedule="0 3 * * *"]').waitFor({ state: 'detached' });
  });

  it('shows a 5,000-line build log without rendering every line', async () => {
    repo.commit(busyboxApp({ body: 'hello from v4\n', extraDockerfile: 'RUN seq 1 5000' }), 'chatty build');
    await page.getByRole('button', { name: 'Deploy', exact: true }).click();
    await waitForSelected('LIVE');
    await expect.poll(async () => Number((await page.locator('.logs-head .muted').textContent())?.split(' ')[0]), { timeout: 30_000 }).toBeGreaterThan(5000);
    await expect.poll(() => page.getByRole('log', { name: 'Log', exact: true }).textContent(), { timeout: 30_000 }).toContain('Deployment is LIVE.');
    // following the tail, with only the lines in view (and a margin) in the DOM
    expect(await page.locator('.log-line').count()).toBeLessThan(100);
    // scrolled to the top, the first lines are there and following stops
    await page.getByRole('log', { name: 'Log', exact: true }).evaluate((el) => {
      el.scrollTop = 0;
      el.dispatchEvent(new Event('scroll'));
    });
    await expect.poll(() => page.getByRole('log', { name: 'Log', exact: true }).textContent()).toContain('Cloned ');
    expect(await page.locator('.logs-head').getByLabel('Follow').isChecked()).toBe(false);
  });

  it('stays live across a gateway restart: a deployment started elsewhere shows up without a reload', async () => {
    const pid = killProcess('gateway');
    await restarted('gateway', pid);
    await expect.poll(async () => (await fetch(`${inject('gatewayUrl')}/healthz`).catch(() => undefined))?.status, { timeout: 60_000 }).toBe(200);
    const { app } = await gql(`query($name: String) { app(name: $name) { id } }`, { name: NAME });
    const { deploy } = await gql(`mutation($id: ID!) { deploy(appId: $id) { id } }`, { id: app.id });
    await page.locator(`tr[data-deployment="${deploy.id}"][data-status="LIVE"]`).waitFor({ timeout: 120_000 });
  });

  it('is usable on a phone and in the dark theme', async () => {
    await page.getByRole('button', { name: /Switch to (dark|light) theme/ }).click();
    const theme = await page.evaluate(() => document.documentElement.dataset.theme);
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, `7-app-phone-${theme}`);
    // nothing sticks out sideways (wide tables scroll inside their own box)
    const sticking = await page.evaluate(() =>
      [...document.querySelectorAll('body *')]
        .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1 && !el.parentElement?.closest('.table-wrap, .log-box'))
        .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} (${Math.round(el.getBoundingClientRect().right)} px)`)
        .slice(0, 10),
    );
    expect(sticking).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('deletes the app after typing its name', async () => {
    await page.getByRole('button', { name: 'Delete app' }).click();
    const dialog = page.getByRole('dialog', { name: `Delete ${NAME}?` });
    expect(await dialog.getByRole('button', { name: 'Delete for good' }).isDisabled()).toBe(true);
    await dialog.getByLabel('App name').fill(NAME);
    await dialog.getByRole('button', { name: 'Delete for good' }).click();
    await page.getByRole('heading', { name: 'Apps', exact: true }).waitFor();
    await expect.poll(() => page.locator(`tr[data-app="${NAME}"]`).count()).toBe(0);
    await shot(page, '8-apps');
  });

  it('creates a static site without a repository and publishes a ZIP from the browser', async () => {
    await page.getByRole('link', { name: 'New app' }).click();
    await page.getByLabel('Static site').check();
    await page.getByLabel('Name', { exact: true }).fill(SITE);
    await page.getByRole('button', { name: 'Create app' }).click();
    await page.getByRole('heading', { name: SITE, level: 1 }).waitFor();
    const zip = makeZip([{ name: 'index.html', data: '<!doctype html><h1>uploaded from the console</h1>' }]);
    await page.getByLabel('ZIP of the built site').setInputFiles({ name: 'site.zip', mimeType: 'application/zip', buffer: zip });
    await page.getByRole('button', { name: 'Upload and deploy' }).click();
    await waitForSelected('LIVE');
    const site = await browser.newPage();
    await site.goto(`http://${SITE}.${inject('baseDomain')}:${inject('edgePort')}/`);
    expect(await site.textContent('h1')).toBe('uploaded from the console');
    await site.close();
  });
});
