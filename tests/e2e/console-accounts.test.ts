// The console's accounts screens in a real browser (Debian's Chromium, driven by playwright-core)
// against the real platform: sign-up, an OWNER inviting a member who then sees the team's apps, a
// VIEWER offered no deploy control (and refused by the API), a plan's app limit shown in words,
// the team settings (usage, members, tokens shown once, audit log) and the platform admin's
// dashboard. Its own users and teams (a tag per run); runs alone, after the rest, like console.test.ts.
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, shot } from '../helpers/browser.js';
import { FixtureRepo } from '../helpers/fixture-repo.js';
import { gql, gqlRaw } from '../helpers/graphql.js';

const tag = Date.now().toString(36);
const PASSWORD = 'a long enough password';
const email = (who: string) => `ui-${who}-${tag}@example.test`;
const TEAM = `Acme ${tag}`;
const APP = `acme-${tag}`;

describe('console accounts in a real browser', () => {
  const repo = new FixtureRepo();
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let owner: Page;
  let dev: Page;
  let teamId = '';
  const appIds: string[] = [];

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(60_000);
    return page;
  }

  async function signUp(page: Page, who: string): Promise<void> {
    await page.goto(`${inject('gatewayUrl')}/#/sign-up`);
    await page.getByLabel('Email').fill(email(who));
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Apps', exact: true }).waitFor();
  }

  const accessTokenOf = (page: Page) =>
    page.evaluate(() => (JSON.parse(localStorage.getItem('paas.session') ?? '{}') as { accessToken?: string }).accessToken ?? null);
  async function chooseTeam(page: Page, name: string): Promise<void> {
    const option = page.locator('#team-select option', { hasText: `${name} · ` });
    await option.waitFor({ state: 'attached' });
    await page.locator('#team-select').selectOption(await option.getAttribute('value'));
  }

  beforeAll(async () => {
    repo.commit({ 'index.html': '<!doctype html><h1>acme</h1>\n' });
    // sign-up is by invitation in the test stack: the admin makes a team and invites its owner
    teamId = (await gql(`mutation($n: String!) { createTeam(name: $n) { id } }`, { n: TEAM })).createTeam.id;
    await gql(`mutation($t: ID!, $e: String!) { addTeamMember(teamId: $t, email: $e, role: OWNER) { role } }`, { t: teamId, e: email('owner') });
    appIds.push(
      (await gql(`mutation($i: CreateAppInput!) { createApp(input: $i) { id } }`, { i: { name: APP, kind: 'STATIC', gitUrl: repo.url, teamId } })).createApp.id,
    );
    browser = await launchChromium();
    owner = await newPage();
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    for (const id of appIds) await gql(`mutation($id: ID!) { deleteApp(id: $id) }`, { id }).catch(() => undefined);
    repo.remove();
  });

  it('refuses a sign-up that was not invited, in words', async () => {
    const page = await newPage();
    await page.goto(`${inject('gatewayUrl')}/#/sign-up`);
    await shot(page, '9-sign-up');
    await page.getByLabel('Email').fill(email('uninvited'));
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/^Sign-up is by invitation on this platform/);
    expect(await page.evaluate(() => localStorage.getItem('paas.session'))).toBeNull();
  });

  it('signs up an invited user, who lands on an empty app list in their personal team, and stays signed in on reload', async () => {
    await signUp(owner, 'owner');
    await owner.getByRole('heading', { name: 'No apps yet' }).waitFor();
    expect(await owner.locator('#team-select option:checked').textContent()).toBe(`${email('owner')} · owner`);
    await owner.reload();
    await owner.getByRole('heading', { name: 'No apps yet' }).waitFor();
    // not a platform admin: no dashboard offered, and its address shows the apps instead
    expect(await owner.getByRole('link', { name: 'Admin', exact: true }).count()).toBe(0);
  });

  it('an OWNER invites a member by email; the member signs up in another browser and sees the team’s apps', async () => {
    await chooseTeam(owner, TEAM);
    await owner.locator(`tr[data-app="${APP}"]`).waitFor();
    await owner.getByRole('link', { name: 'Team settings' }).click();
    await owner.getByLabel('Invite by email').fill(email('dev'));
    await owner.locator('#member-role').selectOption('DEVELOPER');
    await owner.getByRole('button', { name: 'Add member' }).click();
    await expect.poll(() => owner.getByRole('status').filter({ hasText: 'is invited' }).count()).toBe(1);
    await owner.locator(`tr[data-invitation="${email('dev')}"]`).waitFor();
    await owner.getByLabel('Invite by email').fill(email('viewer'));
    await owner.locator('#member-role').selectOption('VIEWER');
    await owner.getByRole('button', { name: 'Add member' }).click();
    await owner.locator(`tr[data-invitation="${email('viewer')}"]`).waitFor();
    await owner.getByRole('meter', { name: 'Apps' }).waitFor();
    await shot(owner, '10-team-settings');

    dev = await newPage();
    await signUp(dev, 'dev');
    await chooseTeam(dev, TEAM);
    await dev.locator(`tr[data-app="${APP}"]`).waitFor();
    await dev.getByRole('link', { name: APP }).click();
    await dev.getByRole('heading', { name: APP, level: 1 }).waitFor();
    // a DEVELOPER deploys, but is offered neither tokens nor member editing
    await dev.getByRole('button', { name: 'Deploy', exact: true }).waitFor();
    await dev.getByRole('link', { name: 'Team settings' }).click();
    await dev.getByRole('heading', { name: 'Members' }).waitFor();
    expect(await dev.getByRole('heading', { name: 'API tokens' }).count()).toBe(0);
    expect(await dev.getByRole('button', { name: 'Add member' }).count()).toBe(0);
    expect(await dev.getByRole('button', { name: 'Remove' }).count()).toBe(0);
    // the invitation became a membership
    await owner.reload();
    await owner.locator(`tr[data-member="${email('dev')}"]`).waitFor();
    expect(await owner.locator(`tr[data-invitation="${email('dev')}"]`).count()).toBe(0);
  });

  it('a VIEWER sees the app but no control that changes it, and the API refuses its deploy with FORBIDDEN', async () => {
    const viewer = await newPage();
    await signUp(viewer, 'viewer');
    await chooseTeam(viewer, TEAM);
    await viewer.getByRole('link', { name: APP }).click();
    await viewer.getByRole('heading', { name: APP, level: 1 }).waitFor();
    await viewer.getByRole('heading', { name: 'Environment variables' }).waitFor();
    for (const name of ['Deploy', 'Delete app', 'Save variable', 'Add schedule', 'Upload and deploy'])
      expect([name, await viewer.getByRole('button', { name, exact: true }).count()]).toEqual([name, 0]);
    expect(await viewer.getByRole('link', { name: 'New app' }).count()).toBe(0);
    await shot(viewer, '11-viewer-app');
    const token = await accessTokenOf(viewer);
    expect(token).toBeTruthy();
    const refused = await gqlRaw(`mutation($a: ID!) { deploy(appId: $a) { id } }`, { a: appIds[0] }, token);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await gql(`query($a: ID!) { app(id: $a) { deployments { id } } }`, { a: appIds[0] })).app.deployments).toEqual([]);
  });

  it('refreshes a session about to expire once for two tabs, and the other tab’s WebSocket reconnects with the new token', async () => {
    const tab2 = await dev.context().newPage();
    await tab2.goto(`${inject('gatewayUrl')}/#/`);
    await tab2.getByRole('heading', { name: 'Apps', exact: true }).waitFor();
    const refreshes: string[] = [];
    dev.context().on('request', (r) => {
      if (r.postData()?.includes('refreshSession')) refreshes.push(r.url());
    });
    const sockets: string[] = [];
    dev.on('websocket', (ws) => sockets.push(ws.url()));
    const before = await dev.evaluate(() => JSON.parse(localStorage.getItem('paas.session')!) as { accessToken: string; refreshToken: string });
    // tab2 hears of an access token about to expire (a storage event) and refreshes it; dev, which
    // still thinks it has minutes left, must take the new pair from storage, not refresh again
    await dev.evaluate(() => {
      const s = JSON.parse(localStorage.getItem('paas.session')!) as Record<string, unknown>;
      localStorage.setItem('paas.session', JSON.stringify({ ...s, expiresAt: new Date(Date.now() + 5_000).toISOString() }));
    });
    await expect
      .poll(() => dev.evaluate(() => (JSON.parse(localStorage.getItem('paas.session')!) as { refreshToken: string }).refreshToken), { timeout: 30_000 })
      .not.toBe(before.refreshToken);
    await expect.poll(() => sockets.length, { timeout: 30_000 }).toBeGreaterThanOrEqual(1);
    expect(refreshes).toHaveLength(1);
    const after = await accessTokenOf(dev);
    expect(after).not.toBe(before.accessToken);
    expect((await gqlRaw(`{ me { email } }`, {}, after)).data).toEqual({ me: { email: email('dev') } });
    // the pages keep working with the new token, over HTTP and the reconnected WebSocket
    await dev.getByRole('link', { name: 'Apps', exact: true }).click();
    await dev.locator(`tr[data-app="${APP}"]`).waitFor();
    expect(refreshes).toHaveLength(1);
    await tab2.close();
  });

  it('an OWNER creates an API token, shown once with a copy button, then revokes it', async () => {
    await owner.getByLabel('Token name').fill('ci');
    await owner.getByLabel('Expires in days').fill('30');
    await owner.getByRole('button', { name: 'Create token' }).click();
    const shown = owner.getByLabel('New API token');
    await shown.waitFor();
    const secret = await shown.inputValue();
    expect(secret.length).toBeGreaterThan(20);
    await owner.getByText('it is shown only this once').waitFor();
    await owner.getByRole('button', { name: 'Copy' }).waitFor();
    await shot(owner, '12-api-token-once');
    // the token works, and the list never shows it again
    expect((await gqlRaw(`{ teams { id } }`, {}, secret)).status).toBe(200);
    await owner.getByRole('button', { name: 'Done' }).click();
    expect(await owner.content()).not.toContain(secret);
    const row = owner.locator('tr[data-token="ci"]');
    await row.getByRole('button', { name: 'Revoke' }).click();
    await row.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click();
    await expect.poll(() => row.count()).toBe(0);
    expect((await gqlRaw(`{ teams { id } }`, {}, secret)).status).toBe(401);
    // the audit log has it, with the actor
    await owner.reload();
    await owner.locator('tr[data-audit="revokeApiToken"]').first().waitFor();
    expect(await owner.locator('tr[data-audit="revokeApiToken"]').first().textContent()).toContain(email('owner'));
  });

  it('a Free-plan team at its app limit: creating one more in the console shows the quota in words', async () => {
    const token = await accessTokenOf(owner);
    for (let i = 0; i < 3; i++) {
      const r = await gqlRaw<{ createApp: { id: string } }>(
        `mutation($i: CreateAppInput!) { createApp(input: $i) { id } }`,
        // small apps: the plan's app count is what runs out, not its memory
        { i: { name: `own-${i}-${tag}`, kind: 'STATIC', memoryMb: 128 } },
        token,
      );
      expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
      appIds.push(r.data!.createApp.id);
    }
    await chooseTeam(owner, email('owner'));
    await owner.goto(`${inject('gatewayUrl')}/#/team`);
    await expect.poll(() => owner.locator('[data-meter="Apps"]').getAttribute('data-level')).toBe('full');
    await owner.getByRole('link', { name: 'New app' }).click();
    await owner.getByLabel('Static site').check();
    await owner.getByLabel('Name', { exact: true }).fill(`own-4-${tag}`);
    await owner.getByRole('button', { name: 'Create app' }).click();
    await expect.poll(() => owner.getByRole('alert').textContent()).toBe('Quota exceeded: the Free plan allows 3 apps; the team has 3.');
    await shot(owner, '13-quota-exceeded');
    expect((await gql(`{ apps { name } }`)).apps.map((a: { name: string }) => a.name)).not.toContain(`own-4-${tag}`);
  });

  it('the platform admin’s dashboard: health, queue, releases, every team with its plan, every user', async () => {
    const admin = await newPage();
    await admin.goto(`${inject('gatewayUrl')}/#/sign-in/admin-token`);
    await admin.getByLabel('Admin token').fill(inject('adminToken'));
    await admin.getByRole('button', { name: 'Sign in' }).click();
    await admin.getByRole('link', { name: 'Admin', exact: true }).click();
    await admin.getByRole('heading', { name: 'Platform' }).waitFor();
    await admin.locator(`tr[data-team="${TEAM}"]`).waitFor();
    await admin.locator(`tr[data-user="${email('viewer')}"]`).waitFor();
    expect(await admin.locator('[data-dependency]').count()).toBe(7);
    // a plan change from the dashboard reaches the API
    const pro = await admin.locator(`tr[data-team="${TEAM}"] select`).locator('option', { hasText: 'Pro' }).getAttribute('value');
    await admin.locator(`tr[data-team="${TEAM}"] select`).selectOption(pro);
    await expect.poll(async () => (await gql(`query($t: ID!) { team(id: $t) { plan { name } } }`, { t: teamId })).team.plan.name).toBe('Pro');
    await shot(admin, '14-admin-dashboard');
    // a user who is not a platform admin gets the apps, not the dashboard
    await owner.goto(`${inject('gatewayUrl')}/#/admin`);
    await owner.getByRole('heading', { name: 'Apps', exact: true }).waitFor();
    expect(await owner.getByRole('heading', { name: 'Platform' }).count()).toBe(0);
  });

  it('signs out: the session is gone from the browser and its refresh token is dead', async () => {
    const stored = await owner.evaluate(() => JSON.parse(localStorage.getItem('paas.session') ?? 'null') as { refreshToken: string } | null);
    expect(stored).not.toBeNull();
    await owner.getByRole('button', { name: 'Sign out' }).click();
    await owner.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await owner.evaluate(() => localStorage.getItem('paas.session'))).toBeNull();
    await expect
      .poll(
        async () =>
          (await gqlRaw(`mutation($r: String!) { refreshSession(refreshToken: $r) { accessToken } }`, { r: stored!.refreshToken }, null)).errors?.[0]
            ?.extensions?.code,
      )
      .toBe('UNAUTHENTICATED');
  });
});
