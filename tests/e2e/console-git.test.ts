// The console's push-to-deploy screens in a real browser (Debian's Chromium, driven by
// playwright-core) against the real platform: the app page's Push to deploy card enables the
// webhook and shows its secret once (a reload does not show it again), a really signed POST to the
// URL it shows appears among the recent deliveries, a forged one is refused and shown as refused,
// and disabling asks first. The previews card and the repository picker (team forge connections,
// New app) are written here too, against the stack's Gitea. Screenshots of the cards go to
// test-results/screenshots/ (and docs/screenshots/ with PAAS_UPDATE_SCREENSHOTS=1). Runs alone,
// after the rest, like the other console tests.
import { createHmac, randomUUID } from 'node:crypto';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, shot } from '../helpers/browser.js';
import { busyboxApp, FixtureRepo } from '../helpers/fixture-repo.js';
import { giteaApi } from '../helpers/gitea-api.js';
import { gql } from '../helpers/graphql.js';

const tag = Date.now().toString(36);
const TEAM = `Git UI ${tag}`;
const APP = `git-ui-${tag}`;

describe('console push to deploy in a real browser', () => {
  const repo = new FixtureRepo('main');
  const gitea = giteaApi(inject('gitea').url, inject('gitea').admin);
  const user = { username: `uigit${tag}`, password: 'console-git-pass-1234', email: `uigit${tag}@example.invalid` };
  let browser: Browser;
  let page: Page;
  let teamId = '';
  let appId = '';
  const appIds: string[] = [];

  const card = () => page.locator('section.push-to-deploy');
  const deliveries = async () =>
    (await gql(`query($id: ID!) { app(id: $id) { webhookDeliveries(limit: 50) { event deliveryId result } } }`, { id: appId })).app.webhookDeliveries as {
      event: string;
      deliveryId: string | null;
      result: string;
    }[];

  async function chooseTeam(name: string): Promise<void> {
    const option = page.locator('#team-select option', { hasText: `${name} · ` });
    await option.waitFor({ state: 'attached' });
    await page.locator('#team-select').selectOption(await option.getAttribute('value'));
  }

  beforeAll(async () => {
    repo.commit(busyboxApp({ body: 'hello from the console git test\n' }));
    teamId = (await gql(`mutation($n: String!) { createTeam(name: $n) { id } }`, { n: TEAM })).createTeam.id;
    // room for the three apps and a preview (the Free plan's 1 GiB would refuse the third app)
    await gql(`mutation($t: ID!) { setTeamPlan(teamId: $t, planId: "team") { id } }`, { t: teamId });
    appId = (await gql(`mutation($i: CreateAppInput!) { createApp(input: $i) { id } }`, { i: { name: APP, gitUrl: repo.url, branch: 'main', teamId } }))
      .createApp.id;
    appIds.push(appId);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(60_000);
    await page.goto(inject('gatewayUrl'));
    await page.getByRole('link', { name: 'Use the admin token' }).click();
    await page.getByLabel('Admin token').fill(inject('adminToken'));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Apps', exact: true }).waitFor();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    for (const id of appIds) await gql(`mutation($id: ID!) { deleteApp(id: $id) }`, { id }).catch(() => undefined);
    repo.remove();
  });

  it('enables the webhook and shows its secret once; a reload shows the URL but never the secret', async () => {
    await page.goto(`${inject('gatewayUrl')}/#/apps/${appId}`);
    await page.getByRole('heading', { name: APP, level: 1 }).waitFor();
    await card()
      .getByText(/^Off\./)
      .waitFor();
    await card().getByLabel('Forge').selectOption('GITEA');
    await card().getByRole('button', { name: 'Enable webhook' }).click();
    const once = card().getByRole('status');
    await expect.poll(() => once.textContent()).toMatch(/Copy the secret now: it is shown only this once/);
    const secret = await card().getByRole('textbox', { name: 'Webhook secret', exact: true }).inputValue();
    const url = await card().getByRole('textbox', { name: 'Webhook URL', exact: true }).inputValue();
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect(url).toBe(`${inject('gatewayUrl')}/hooks/git/${appId}`);
    expect(await card().getAttribute('data-webhook')).toBe('on');
    await shot(card(), '16-webhook-secret-once');
    // the API agrees: Gitea, this URL, and the secret is not readable back
    expect((await gql(`query($id: ID!) { app(id: $id) { webhook { forge url secret } } }`, { id: appId })).app.webhook).toEqual({
      forge: 'GITEA',
      url,
      secret: null,
    });

    await page.reload();
    await card().getByRole('textbox', { name: 'Webhook URL', exact: true }).waitFor();
    expect(await card().getByRole('textbox', { name: 'Webhook URL', exact: true }).inputValue()).toBe(url);
    expect(await card().getByRole('textbox', { name: 'Webhook secret', exact: true }).count()).toBe(0);
    expect(await page.content()).not.toContain(secret);
    await card()
      .getByText(/it is never shown again/)
      .waitFor();

    // a really signed delivery (as Gitea signs: HMAC-SHA256 of the raw body, hex) reaches the list
    const body = JSON.stringify({ zen: 'console test', hook_id: 1 });
    const deliveryId = randomUUID();
    const signed = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-gitea-event': 'ping',
        'x-gitea-delivery': deliveryId,
        'x-gitea-signature': createHmac('sha256', secret).update(body).digest('hex'),
      },
      body,
    });
    expect(signed.status).toBe(200);
    // and a forged one is refused (401) and listed as refused
    const forged = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-gitea-event': 'push',
        'x-gitea-delivery': randomUUID(),
        'x-gitea-signature': createHmac('sha256', 'not-the-secret').update(body).digest('hex'),
      },
      body,
    });
    expect(forged.status).toBe(401);
    expect((await deliveries()).find((d) => d.deliveryId === deliveryId)).toMatchObject({ event: 'ping', result: 'pong' });

    await card().getByRole('button', { name: 'Refresh' }).click();
    const row = card().locator(`tr[data-delivery="${deliveryId}"]`);
    // an earlier fetch may still show it as "received" (recorded, not yet answered): the refresh settles it
    await expect.poll(() => row.textContent(), { timeout: 30_000 }).toMatch(/ping.*pong/);
    await expect.poll(() => card().locator('tbody tr').allTextContents(), { timeout: 30_000 }).toContainEqual(expect.stringMatching(/refused: bad signature/));
    await shot(card(), '17-webhook-deliveries');
  });

  it('disables the webhook only after asking; deliveries are refused from then on', async () => {
    await card().getByRole('button', { name: 'Disable', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: 'Disable push to deploy?' }).waitFor();
    await dialog.getByRole('button', { name: 'Keep it' }).click();
    expect(await card().getAttribute('data-webhook')).toBe('on');
    await card().getByRole('button', { name: 'Disable', exact: true }).click();
    await dialog.getByRole('button', { name: 'Disable', exact: true }).click();
    await card()
      .getByText(/^Off\./)
      .waitFor();
    expect((await gql(`query($id: ID!) { app(id: $id) { webhook { forge } } }`, { id: appId })).app.webhook).toBeNull();
    const body = '{}';
    const r = await fetch(`${inject('gatewayUrl')}/hooks/git/${appId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-gitea-event': 'ping', 'x-gitea-delivery': randomUUID(), 'x-gitea-signature': 'f'.repeat(64) },
      body,
    });
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.status).toBeLessThan(500);
  });

  it('turns previews on and off; an open pull request is listed with its link and status, and tagged in the history', async () => {
    const account = await gitea.createUser(user).then(() => gitea.tokenFor(user));
    const created = await gitea.createRepo({ username: user.username, token: account }, 'previewed');
    const push = gitea.gitUrl(user.username, 'previewed', account);
    repo.git('push', '--quiet', push, 'main');
    const previewed = (
      await gql(`mutation($i: CreateAppInput!) { createApp(input: $i) { id } }`, {
        i: { name: `pr-ui-${tag}`, gitUrl: created.cloneUrl, branch: 'main', healthCheckPath: '/cgi-bin/health', teamId },
      })
    ).createApp.id as string;
    appIds.push(previewed);
    await page.goto(`${inject('gatewayUrl')}/#/apps/${previewed}`);
    const previews = page.locator('section.previews');
    await card().getByLabel('Forge').selectOption('GITEA');
    await card().getByRole('button', { name: 'Enable webhook' }).click();
    const secret = await card().getByRole('textbox', { name: 'Webhook secret', exact: true }).inputValue();
    const url = await card().getByRole('textbox', { name: 'Webhook URL', exact: true }).inputValue();
    await previews.getByLabel(/Deploy each open pull request/).check();
    await expect.poll(async () => (await gql(`query($id: ID!) { app(id: $id) { previewsEnabled } }`, { id: previewed })).app.previewsEnabled).toBe(true);
    await gitea.request(
      'POST',
      `/repos/${user.username}/previewed/hooks`,
      { token: account },
      { type: 'gitea', active: true, events: ['push', 'pull_request'], branch_filter: '*', config: { url, content_type: 'json', secret } },
    );
    repo.git('checkout', '--quiet', '-b', 'feature-ui');
    repo.commit({ 'www/index.html': 'a preview from the console test\n' }, 'preview');
    repo.git('push', '--quiet', push, 'feature-ui');
    repo.git('checkout', '--quiet', 'main');
    // until Gitea's queue has recorded the pushed branch, opening a pull request from it is a 404
    await expect
      .poll(async () => (await gitea.request<{ name: string }[]>('GET', `/repos/${user.username}/previewed/branches`, { token: account })).map((b) => b.name), {
        timeout: 30_000,
      })
      .toContain('feature-ui');
    const pr = await gitea.request<{ number: number }>(
      'POST',
      `/repos/${user.username}/previewed/pulls`,
      { token: account },
      { head: 'feature-ui', base: 'main', title: 'UI' },
    );
    const item = previews.locator(`li[data-pull-request="${pr.number}"]`);
    await item.waitFor({ timeout: 120_000 });
    await expect.poll(() => item.locator('[data-status]').getAttribute('data-status'), { timeout: 240_000, interval: 1000 }).toBe('LIVE');
    expect(await item.getByRole('link').getAttribute('href')).toMatch(new RegExp(`pr-${pr.number}\\.`));
    expect(await page.locator('table.deployments').textContent()).toContain(`PR #${pr.number}`);
    await shot(previews, '18-previews');
    await previews.getByLabel(/Deploy each open pull request/).uncheck();
    await expect.poll(async () => (await gql(`query($id: ID!) { app(id: $id) { previewsEnabled } }`, { id: previewed })).app.previewsEnabled).toBe(false);
  });

  it('connects Gitea in team settings (the token never shown back), then New app picks a repository and a branch from it', async () => {
    const picker = { username: `uipick${tag}`, password: 'console-pick-pass-1234', email: `uipick${tag}@example.invalid` };
    await gitea.createUser(picker);
    const token = await gitea.tokenFor(picker);
    const created = await gitea.createRepo({ username: picker.username, token }, 'picked-site');
    const push = gitea.gitUrl(picker.username, 'picked-site', token);
    repo.git('push', '--quiet', push, 'main');
    repo.git('push', '--quiet', push, 'main:refs/heads/release');
    // Gitea records pushed branches in its database from a queue: the picker lists what its API lists
    await expect
      .poll(
        async () => (await gitea.request<{ name: string }[]>('GET', `/repos/${picker.username}/picked-site/branches`, { token })).map((b) => b.name).sort(),
        {
          timeout: 30_000,
        },
      )
      .toEqual(['main', 'release']);

    await page.goto(`${inject('gatewayUrl')}/#/`);
    await chooseTeam(TEAM);
    await page.getByRole('link', { name: 'Team settings' }).click();
    const forges = page.getByRole('region', { name: 'Forge connections' });
    await forges.getByText('No forge connected yet.').waitFor();
    await forges.getByLabel('Forge', { exact: true }).selectOption('GITEA');
    // hostile first: a javascript: base URL is named before anything is sent
    await forges.getByLabel('Base URL').fill('javascript:alert(1)');
    await forges.locator('#forge-token').fill(token);
    await forges.getByRole('button', { name: 'Connect' }).click();
    await forges.getByText('The base URL must be an https:// (or http://) address.').waitFor();
    await forges.getByLabel('Base URL').fill(inject('gitea').url);
    await forges.getByRole('button', { name: 'Connect' }).click();
    const row = forges.locator('tr[data-forge-connection]');
    await row.waitFor();
    expect(await row.textContent()).toContain(picker.username);
    expect(await page.content()).not.toContain(token);
    expect(await forges.locator('#forge-token').inputValue()).toBe('');
    await shot(forges, '19-forge-connections');

    await page.getByRole('link', { name: 'New app' }).click();
    await page.getByRole('button', { name: /Pick a repository from Gitea/ }).click();
    await page.getByLabel('Search repositories').fill('picked');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('button', { name: `${picker.username}/picked-site` }).click();
    expect(await page.getByLabel('Git repository URL').inputValue()).toBe(created.cloneUrl);
    const branch = page.locator('select#branch');
    await expect.poll(() => branch.locator('option').allTextContents()).toEqual(expect.arrayContaining(['main', 'release']));
    await branch.selectOption('release');
    await page.getByLabel('Name', { exact: true }).fill(`picked-${tag}`);
    await page.getByLabel('Health check path').fill('/cgi-bin/health');
    await shot(page.locator('form.card'), '20-new-app-repo-picker');
    await page.getByRole('button', { name: 'Create app' }).click();
    await page.getByRole('heading', { name: `picked-${tag}`, level: 1 }).waitFor();
    const id = decodeURIComponent(new URL(page.url()).hash.split('/')[2] ?? '');
    appIds.push(id);
    expect((await gql(`query($id: ID!) { app(id: $id) { gitUrl branch } }`, { id })).app).toEqual({ gitUrl: created.cloneUrl, branch: 'release' });

    // typing a URL by hand drops the pick and gives the plain branch field back
    await page.getByRole('link', { name: 'New app' }).click();
    await page.getByRole('button', { name: /Pick a repository from Gitea/ }).click();
    await page.getByRole('button', { name: `${picker.username}/picked-site` }).click();
    await page.getByLabel('Git repository URL').fill(repo.url);
    expect(await page.locator('input#branch').count()).toBe(1);

    await page.getByRole('link', { name: 'Team settings' }).click();
    await forges.getByRole('button', { name: 'Disconnect' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Disconnect' }).click();
    await forges.getByText('No forge connected yet.').waitFor();
    expect((await gql(`query($t: ID!) { team(id: $t) { forgeConnections { id } } }`, { t: teamId })).team.forgeConnections).toEqual([]);
  });
});
