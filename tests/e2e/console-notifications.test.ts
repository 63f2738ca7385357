// The console's Notifications card in a real browser against the real platform: a team OWNER adds a
// WEBHOOK channel to a local receiver (a loopback port PAAS_OUTBOUND_ALLOW lists; an unlisted one is
// refused, the server's reason shown in the form), sees the signing secret once, sees the channel
// by its host only, a deployment's signed delivery arrives and is listed as delivered, a reload
// does not show the secret again, and deleting asks first. Screenshot in
// test-results/screenshots/ (and docs/screenshots/ with PAAS_UPDATE_SCREENSHOTS=1). Runs alone,
// like the other console tests.
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, shot } from '../helpers/browser.js';
import { busyboxApp, FixtureRepo } from '../helpers/fixture-repo.js';
import { deploy, gql, waitForDeployment } from '../helpers/graphql.js';

const tag = Date.now().toString(36);
const TEAM = `Notify UI ${tag}`;

describe('console notifications in a real browser', () => {
  const [port] = inject('notifyReceiverPorts');
  const received: { headers: IncomingHttpHeaders; raw: Buffer }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, raw: Buffer.concat(chunks) });
      res.writeHead(200).end('ok');
    });
  });
  const repo = new FixtureRepo('main');
  let browser: Browser;
  let page: Page;
  let teamId = '';
  let appId = '';

  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r()));
    repo.commit(busyboxApp({ body: 'hello from the console notifications test\n' }));
    teamId = (await gql(`mutation($n: String!) { createTeam(name: $n) { id } }`, { n: TEAM })).createTeam.id;
    appId = (
      await gql(`mutation($i: CreateAppInput!) { createApp(input: $i) { id } }`, {
        i: { name: `notify-ui-${tag}`, gitUrl: repo.url, branch: 'main', healthCheckPath: '/cgi-bin/health', teamId },
      })
    ).createApp.id;
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
    if (appId) await gql(`mutation($id: ID!) { deleteApp(id: $id) }`, { id: appId }).catch(() => undefined);
    repo.remove();
    await new Promise<void>((r) => server.close(() => r()));
  });

  it('adds a WEBHOOK channel (secret shown once, host only), lists its delivery, and deletes it after asking', async () => {
    const option = page.locator('#team-select option', { hasText: `${TEAM} · ` });
    await option.waitFor({ state: 'attached' });
    await page.locator('#team-select').selectOption(await option.getAttribute('value'));
    await page.getByRole('link', { name: 'Team settings' }).click();
    const card = page.getByRole('region', { name: 'Notifications' });
    await card.getByText('No channel yet').waitFor();

    // hostile first: a loopback port the platform may not reach is refused by the server, with its reason
    await card.getByLabel('URL', { exact: true }).fill(`http://127.0.0.1:${port + 10}/hook`);
    await card.getByRole('button', { name: 'Add channel' }).click();
    await card.getByRole('alert').filter({ hasText: 'does not send notifications to' }).waitFor();

    const target = `http://127.0.0.1:${port}/hook?key=url-credential-${tag}`;
    await card.getByLabel('URL', { exact: true }).fill(target);
    await card.getByRole('button', { name: 'Add channel' }).click();
    const secretField = card.getByRole('textbox', { name: 'Signing secret' });
    await secretField.waitFor();
    const secret = await secretField.inputValue();
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    const row = card.locator('li[data-notification-channel]');
    await row.waitFor();
    expect(await row.locator('.channel-target').textContent()).toBe(`127.0.0.1:${port}`);
    expect(await page.content()).not.toContain(`url-credential-${tag}`);
    const [channel] = (await gql(`query($t: ID!) { notificationChannels(teamId: $t) { target events } }`, { t: teamId })).notificationChannels;
    expect(channel).toEqual({ target, events: ['deployment.succeeded', 'deployment.failed', 'deployment.rolled_back', 'release.crash_looping'] });

    // a deployment that goes live is announced, signed with the secret the page showed
    const deployment = await deploy(appId);
    expect((await waitForDeployment(deployment.id)).status).toBe('LIVE');
    await expect.poll(() => received.length, { timeout: 60_000 }).toBeGreaterThan(0);
    const hit = received[0];
    expect(hit.headers['x-paas-signature']).toBe(`sha256=${createHmac('sha256', secret).update(hit.raw).digest('hex')}`);
    expect(JSON.parse(hit.raw.toString('utf8'))).toMatchObject({ event: 'deployment.succeeded', deployment: { id: deployment.id } });

    // another visit: the delivery is listed, the secret is gone for good
    await page.reload();
    await card.waitFor();
    const delivery = card.locator('tr[data-notification-delivery]');
    await expect
      .poll(async () => (await delivery.count()) > 0 && (await delivery.first().textContent()), { timeout: 30_000 })
      .toMatch(/deployment\.succeeded.*delivered/);
    expect(await card.getByRole('textbox', { name: 'Signing secret' }).count()).toBe(0);
    expect(await page.content()).not.toContain(secret);
    await shot(card, 'notifications');

    await card.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await card.getByText('No channel yet').waitFor();
    expect((await gql(`query($t: ID!) { notificationChannels(teamId: $t) { id } }`, { t: teamId })).notificationChannels).toEqual([]);
  }, 240_000);
});
