// Sign-in with a forge, for real: the test stack's Gitea (built from the Go module proxy, run on
// loopback, listed in PAAS_OUTBOUND_ALLOW) is the OpenID Connect provider, and Chromium clicks
// through its login and consent pages. The console is stubbed out where the round trip lands, so
// the test trades the one-time code itself (the console's own button is tested in
// console-accounts.test.ts). Then every way a callback can be forged or replayed.
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, shot } from '../helpers/browser.js';
import { giteaApi, type GiteaAccount } from '../helpers/gitea-api.js';
import { callerFrom, codeOf } from '../helpers/graphql-from.js';
import { httpFrom } from '../helpers/http-from.js';

const { call } = callerFrom('127.0.88');
const http = httpFrom('127.0.89');
const tag = Date.now().toString(36);
const gateway = () => inject('gatewayUrl');
const admin = () => inject('adminToken');

interface Session {
  accessToken: string;
  refreshToken: string;
  user: { id: string; email: string; platformAdmin: boolean };
}

/** Where the round trip ended: the console route after `#/auth/forge/`, e.g. `done/<code>` or `error/<message>`. */
async function roundTrip(context: BrowserContext, user: GiteaAccount, start = `${gateway()}/auth/forge/gitea/start`): Promise<string> {
  const page = await context.newPage();
  try {
    await page.goto(start);
    const at = () => new URL(page.url());
    for (let step = 0; step < 4; step++) {
      const url = at();
      if (url.href.startsWith(`${gateway()}/#/auth/forge/`)) return decodeURIComponent(url.hash.replace('#/auth/forge/', ''));
      if (url.pathname === '/user/login') {
        await page.locator('#user_name').fill(user.username);
        await page.locator('#password').fill(user.password);
        await Promise.all([page.waitForURL((u) => u.pathname !== '/user/login'), page.locator('#password').press('Enter')]);
      } else if (await page.locator('#authorize-app').isVisible()) {
        await Promise.all([page.waitForURL((u) => u.pathname !== '/login/oauth/authorize'), page.locator('#authorize-app').click()]);
      } else await page.waitForURL((u) => u.href !== url.href, { timeout: 10_000 });
    }
    throw new Error(`the round trip did not come back; it is at ${page.url()}: ${(await page.textContent('body'))?.slice(0, 300)}`);
  } finally {
    await page.close();
  }
}

async function exchange(handoff: string) {
  return http('POST', '/auth/forge/exchange', { body: { handoff } });
}

async function signedIn(route: string): Promise<Session> {
  expect(route).toMatch(/^done\//);
  const res = await exchange(route.slice('done/'.length));
  expect(res.status, res.body).toBe(200);
  return JSON.parse(res.body) as Session;
}

describe('sign-in with Gitea (OpenID Connect)', () => {
  let browser: Browser;
  let gitea: ReturnType<typeof giteaApi>;
  const ann: GiteaAccount = { username: `ann-${tag}`, password: 'ann-gitea-pass-1', email: `ann-${tag}@example.test` };
  const bob: GiteaAccount = { username: `bob-${tag}`, password: 'bob-gitea-pass-1', email: `bob-${tag}@example.test` };
  const eve: GiteaAccount = { username: `eve-${tag}`, password: 'eve-gitea-pass-1', email: `eve-${tag}@example.test` };
  let teamId: string;
  let annSession: Session;
  const contexts: BrowserContext[] = [];
  const freshBrowser = async () => {
    const c = await browser.newContext();
    // where the round trip lands, the console would trade the code itself: a stub leaves that to the test
    await c.route(`${gateway()}/`, (r) => r.fulfill({ status: 200, contentType: 'text/html', body: '<p>console</p>' }));
    contexts.push(c);
    return c;
  };

  beforeAll(async () => {
    const forge = inject('gitea');
    gitea = giteaApi(forge.url, forge.admin);
    for (const u of [ann, bob, eve]) await gitea.createUser(u);
    browser = await launchChromium();
    const created = await call(`mutation($n: String!) { createTeam(name: $n) { id } }`, { n: `forge-${tag}` }, admin());
    teamId = created.data.createTeam.id;
  }, 120_000);

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
  });

  it('lists Gitea among the providers, without credentials', async () => {
    const res = await http('GET', '/auth/providers');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ providers: [{ id: 'gitea', name: 'Gitea' }] });
    expect(res.body).not.toMatch(/secret|client/i);
  });

  it('refuses an uninvited email while sign-up is by invitation, creating nobody', async () => {
    const route = await roundTrip(await freshBrowser(), eve);
    expect(route).toMatch(/^error\/Sign-up is by invitation/);
    expect(route).toContain(eve.email);
    // nobody was created: the email can still be invited and sign up with a password
    const invited = await call(
      `mutation($t: ID!, $e: String!) { addTeamMember(teamId: $t, email: $e, role: VIEWER) { role } }`,
      { t: teamId, e: eve.email },
      admin(),
    );
    expect(codeOf(invited)).toBe('OK');
    const signUp = await call(`mutation($e: String!) { signUp(email: $e, password: "eve-platform-pass-1") { user { email } } }`, { e: eve.email });
    expect(signUp.data?.signUp.user.email).toBe(eve.email);
  });

  it('signs an invited Gitea user up: a personal team, the inviting team, the identity linked, a working session', async () => {
    await call(`mutation($t: ID!, $e: String!) { addTeamMember(teamId: $t, email: $e, role: DEVELOPER) { role } }`, { t: teamId, e: ann.email }, admin());
    annSession = await signedIn(await roundTrip(await freshBrowser(), ann));
    expect(annSession.user).toMatchObject({ email: ann.email, platformAdmin: false });
    const me = await call(`{ me { email } teams { id role } forgeIdentities { provider username } }`, {}, annSession.accessToken);
    expect(me.data.me.email).toBe(ann.email);
    expect(me.data.teams).toContainEqual({ id: teamId, role: 'DEVELOPER' });
    expect(me.data.teams.filter((t: { role: string }) => t.role === 'OWNER')).toHaveLength(1);
    expect(me.data.forgeIdentities).toEqual([{ provider: 'gitea', username: ann.username }]);
    // the refresh token rotates like a password session's
    const refreshed = await call(`mutation($r: String!) { refreshSession(refreshToken: $r) { user { email } } }`, { r: annSession.refreshToken });
    expect(refreshed.data?.refreshSession.user.email).toBe(ann.email);
  });

  it('signs the same user in again, in another browser (no consent asked twice), and audits each sign-in', async () => {
    const again = await signedIn(await roundTrip(await freshBrowser(), ann));
    expect(again.user.id).toBe(annSession.user.id);
    const teams = await call(`{ teams { id role } }`, {}, again.accessToken);
    const personal = teams.data.teams.find((t: { role: string }) => t.role === 'OWNER').id;
    const log = await call(`query($t: ID!) { auditEvents(teamId: $t) { action actor result } }`, { t: personal }, again.accessToken);
    expect(log.data.auditEvents.filter((e: { action: string }) => e.action === 'signInWithForge')).toEqual([
      { action: 'signInWithForge', actor: ann.email, result: 'ok' },
      { action: 'signInWithForge', actor: ann.email, result: 'ok' },
    ]);
  });

  it('never lets a forge take over a password account with the same email; its owner links the forge instead', async () => {
    await call(`mutation($t: ID!, $e: String!) { addTeamMember(teamId: $t, email: $e, role: VIEWER) { role } }`, { t: teamId, e: bob.email }, admin());
    const pw = await call(`mutation($e: String!) { signUp(email: $e, password: "bob-platform-pass-1") { accessToken user { id } } }`, { e: bob.email });
    const bobId = pw.data.signUp.user.id as string;
    const context = await freshBrowser();
    const route = await roundTrip(context, bob);
    expect(route).toMatch(new RegExp(`^error/An account with ${bob.email.replace(/\./g, '\\.')} exists already: sign in with its password, then link Gitea`));

    // linking starts from the signed-in account: the gateway gives the URL and the browser binding
    const link = await http('POST', '/auth/forge/gitea/link', { headers: { authorization: `Bearer ${pw.data.signUp.accessToken}` } });
    expect(link.status, link.body).toBe(200);
    const binding = /paas_forge_binding=([^;]+)/.exec(String(link.headers['set-cookie']))![1];
    await context.addCookies([{ name: 'paas_forge_binding', value: binding, url: `${gateway()}/auth/forge/` }]);
    expect(await roundTrip(context, bob, (JSON.parse(link.body) as { url: string }).url)).toBe('linked/gitea');
    const viaForge = await signedIn(await roundTrip(await freshBrowser(), bob));
    expect(viaForge.user.id).toBe(bobId);

    // a password account may unlink; a forge-only one may not drop its only way in
    expect((await call(`mutation { unlinkForgeIdentity(provider: "gitea") }`, {}, viaForge.accessToken)).data).toEqual({ unlinkForgeIdentity: true });
    const last = await call(`mutation { unlinkForgeIdentity(provider: "gitea") }`, {}, annSession.accessToken);
    expect([codeOf(last), last.errors?.[0].message]).toEqual(['CONFLICT', expect.stringMatching(/only way you sign in/)]);
  });

  it('the console: "Sign in with Gitea" goes round Gitea and lands signed in; a refusal is shown in words', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    const viaButton = async (user: GiteaAccount) => {
      await page.goto(gateway());
      await page.getByRole('link', { name: 'Sign in with Gitea' }).click();
      await page.waitForURL((u) => u.pathname === '/user/login');
      await page.locator('#user_name').fill(user.username);
      await page.locator('#password').fill(user.password);
      await page.locator('#password').press('Enter');
      // ann granted the platform access before; a new user is asked once
      const grant = page.locator('#authorize-app');
      await Promise.race([grant.waitFor().then(() => grant.click()), page.waitForURL((u) => u.href.startsWith(gateway()))]);
    };
    const stranger: GiteaAccount = { username: `zed-${tag}`, password: 'zed-gitea-pass-1', email: `zed-${tag}@example.test` };
    await gitea.createUser(stranger);
    await viaButton(stranger);
    await expect.poll(() => page.getByRole('alert').textContent(), { timeout: 30_000 }).toMatch(/^Sign-up is by invitation on this platform/);

    await context.clearCookies(); // signed out of Gitea too
    await viaButton(ann);
    const signOut = page.getByRole('button', { name: 'Sign out' });
    await signOut.waitFor({ timeout: 30_000 });
    expect(await signOut.getAttribute('title')).toBe(ann.email);
    // the hand-off code is gone from the address bar once used
    expect(page.url()).not.toMatch(/auth\/forge\/done/);
  });

  it('the console: a password user links Gitea from the Account screen, then signs in with it, and unlinks it', async () => {
    const cat: GiteaAccount = { username: `cat-${tag}`, password: 'cat-gitea-pass-1', email: `cat-${tag}@example.test` };
    await gitea.createUser(cat);
    await call(`mutation($t: ID!, $e: String!) { addTeamMember(teamId: $t, email: $e, role: VIEWER) { role } }`, { t: teamId, e: cat.email }, admin());
    const signedUp = await call(`mutation($e: String!) { signUp(email: $e, password: "cat-platform-pass-1") { user { id } } }`, { e: cat.email });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(gateway());
    await page.getByLabel('Email').fill(cat.email);
    await page.getByLabel('Password').fill('cat-platform-pass-1');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    // exact: the sign-in page has "Create an account" too
    await page.getByRole('link', { name: 'Account', exact: true }).click();
    await expect.poll(() => page.locator('#main').textContent()).toContain('No forge account is linked yet.');
    await page.getByRole('button', { name: 'Link Gitea' }).click();
    await page.waitForURL((u) => u.pathname === '/user/login');
    await page.locator('#user_name').fill(cat.username);
    await page.locator('#password').fill(cat.password);
    await page.locator('#password').press('Enter');
    await page.locator('#authorize-app').click();
    await page.getByText('Gitea is linked: you can sign in with it.').waitFor({ timeout: 30_000 });
    await expect.poll(() => page.locator('tr[data-linked="gitea"] td').nth(1).textContent()).toBe(cat.username);
    await shot(page, '15-account-linked-forge');

    const viaForge = await signedIn(await roundTrip(await freshBrowser(), cat));
    expect(viaForge.user.id).toBe(signedUp.data.signUp.user.id);

    await page.getByRole('button', { name: 'Unlink' }).click();
    await page.getByRole('button', { name: 'Unlink Gitea' }).click();
    await page.getByText('No forge account is linked yet.').waitFor();
  });

  describe('forged, replayed and stray callbacks change nothing', () => {
    const errorOf = (res: { status: number; headers: Record<string, unknown> }) => {
      expect(res.status).toBe(302);
      const location = String(res.headers.location);
      expect(location).toMatch(/^\/#\/auth\/forge\/error\//);
      return decodeURIComponent(location.replace('/#/auth/forge/error/', ''));
    };
    const started = async () => {
      const res = await http('GET', '/auth/forge/gitea/start');
      expect(res.status).toBe(302);
      const authorize = new URL(String(res.headers.location));
      expect(authorize.origin).toBe(inject('gitea').url);
      // state, PKCE (S256) and a nonce go out with every authorization request
      expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
      expect(authorize.searchParams.get('nonce')).toBeTruthy();
      const cookie = /paas_forge_binding=[^;]+/.exec(String(res.headers['set-cookie']))![0];
      expect(String(res.headers['set-cookie'])).toMatch(/HttpOnly/i);
      return { state: authorize.searchParams.get('state')!, cookie };
    };

    it('a state this gateway never issued', async () => {
      const { cookie } = await started();
      expect(errorOf(await http('GET', '/auth/forge/gitea/callback?code=x&state=forged', { headers: { cookie } }))).toMatch(/not started here/);
    });

    it('a callback in another browser than the one that started it (login CSRF)', async () => {
      const { state } = await started();
      expect(errorOf(await http('GET', `/auth/forge/gitea/callback?code=x&state=${state}`))).toMatch(/started in another browser/);
    });

    it('a code Gitea did not issue, with the right state and browser', async () => {
      const { state, cookie } = await started();
      expect(errorOf(await http('GET', `/auth/forge/gitea/callback?code=bogus&state=${state}`, { headers: { cookie } }))).toMatch(
        /^Gitea refused the sign-in \(\w+\): start again\.$/,
      );
    });

    it('the provider reporting an error (the user cancelled)', async () => {
      const { state, cookie } = await started();
      expect(errorOf(await http('GET', `/auth/forge/gitea/callback?error=access_denied&state=${state}`, { headers: { cookie } }))).toBe(
        'Gitea did not authorize the sign-in (access_denied).',
      );
    });

    it('a real callback replayed', async () => {
      const context = await freshBrowser();
      let callback = '';
      // a listener, not a route: the callback is reached by a redirect, which routes do not see
      context.on('request', (r) => {
        if (new URL(r.url()).pathname === '/auth/forge/gitea/callback') callback = r.url();
      });
      await signedIn(await roundTrip(context, ann));
      const replay = new URL(callback);
      expect(errorOf(await http('GET', `${replay.pathname}${replay.search}`))).toMatch(/used already/);
    });

    it('an unknown provider, hand-off codes that were never issued or are used, and linking without a user', async () => {
      expect(errorOf(await http('GET', '/auth/forge/github/start'))).toBe('There is no such sign-in provider on this platform.');
      for (const body of [{ handoff: 'nope' }, { handoff: 'x'.repeat(5000) }, {}, 'text'])
        expect((await http('POST', '/auth/forge/exchange', { body })).status).toBe(401);
      const used = await roundTrip(await freshBrowser(), ann);
      expect((await exchange(used.slice(5))).status).toBe(200);
      const twice = await exchange(used.slice(5));
      expect([twice.status, JSON.parse(twice.body)]).toEqual([
        401,
        { error: 'This sign-in code is not valid (it expired or was used already): sign in again.' },
      ]);
      expect((await http('POST', '/auth/forge/gitea/link')).status).toBe(401);
      expect((await http('POST', '/auth/forge/gitea/link', { headers: { authorization: `Bearer ${admin()}` } })).status).toBe(403);
      expect(codeOf(await call(`{ forgeIdentities { provider } }`, {}, admin()))).toBe('FORBIDDEN');
    });
  });
});
