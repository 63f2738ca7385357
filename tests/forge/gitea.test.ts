// The test forge itself, against the real Gitea the suite's setup starts (tests/setup/gitea.global.ts):
// what "sign in with Gitea" and the push/webhook tests rely on must hold before they can mean anything.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { FixtureRepo } from '../helpers/fixture-repo.js';
import { startGitea } from '../helpers/gitea.js';
import { GiteaApiError, giteaApi } from '../helpers/gitea-api.js';
import { until } from '../helpers/wait.js';

const { url, admin } = inject('gitea');
const gitea = giteaApi(url, admin);
const unique = () => randomBytes(4).toString('hex');

describe('the Gitea test forge', () => {
  const repos: FixtureRepo[] = [];
  afterAll(() => repos.forEach((r) => r.remove()));

  it('answers its version endpoint with the version ensure-system builds', async () => {
    const res = await fetch(`${url}/api/v1/version`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ version: '1.27.3' });
  });

  it('publishes an OpenID configuration whose endpoints are on its loopback address', async () => {
    const res = await fetch(`${url}/.well-known/openid-configuration`);
    expect(res.status).toBe(200);
    const oidc = (await res.json()) as Record<string, string>;
    expect(oidc.issuer).toBe(url);
    for (const key of ['authorization_endpoint', 'token_endpoint', 'userinfo_endpoint', 'jwks_uri']) {
      expect(oidc[key], key).toMatch(new RegExp(`^${url}/`));
    }
    const jwks = (await (await fetch(oidc.jwks_uri)).json()) as { keys: { kty: string }[] };
    expect(jwks.keys.length).toBeGreaterThan(0);
  });

  it('creates a confidential OAuth2 application with a client id and secret', async () => {
    const app = await gitea.createOAuth2App({ name: `paas-${unique()}`, redirectUris: ['http://127.0.0.1:14000/auth/forge/gitea/callback'] });
    expect(app.clientId).toMatch(/^[0-9a-f-]{36}$/);
    expect(app.clientSecret.length).toBeGreaterThanOrEqual(32);
    const listed = await gitea.request<{ client_id: string; confidential_client: boolean }[]>('GET', '/user/applications/oauth2', admin);
    expect(listed.find((a) => a.client_id === app.clientId)?.confidential_client).toBe(true);
  });

  it('creates a user whose own token works, without a password change first', async () => {
    const account = await gitea.createUser({ username: `dev-${unique()}`, password: `pw-${unique()}-${unique()}`, email: `dev-${unique()}@example.test` });
    const token = await gitea.tokenFor(account);
    const me = await gitea.request<{ login: string; is_admin: boolean }>('GET', '/user', { token });
    expect(me).toMatchObject({ login: account.username, is_admin: false });
  });

  it('takes a real git push over HTTP into a new repository, and lists the pushed commit', async () => {
    const account = await gitea.createUser({ username: `pusher-${unique()}`, password: `pw-${unique()}-${unique()}`, email: `p-${unique()}@example.test` });
    const token = await gitea.tokenFor(account);
    const repo = await gitea.createRepo({ username: account.username, token }, 'app', { autoInit: false, defaultBranch: 'main' });
    expect(repo).toMatchObject({ owner: account.username, name: 'app', defaultBranch: 'main' });

    const local = new FixtureRepo('main');
    repos.push(local);
    const sha = local.commit({ 'README.md': 'hello forge\n' }, 'first commit');
    local.git('push', '--quiet', gitea.gitUrl(account.username, 'app', token), 'main');

    // Gitea marks the repository non-empty from a queue after the push hooks: the API catches up shortly
    let commits: { sha: string; commit: { message: string } }[] = [];
    await until(
      'Gitea to list the pushed commit',
      async () => {
        const r = await gitea.request<{ empty: boolean }>('GET', `/repos/${account.username}/app`, { token });
        if (r.empty) return false;
        commits = await gitea.request('GET', `/repos/${account.username}/app/commits?sha=main`, { token });
        return true;
      },
      15_000,
    );
    expect(commits.map((c) => c.sha)).toEqual([sha]);
    expect(commits[0].commit.message.trim()).toBe('first commit');
  });

  it('refuses a port already taken (by another Gitea that would answer its readiness probe), and leaves nothing behind', async () => {
    const workDir = join(tmpdir(), `paas-gitea-clash-${unique()}`);
    const err = await startGitea({ port: Number(new URL(url).port), workDir, readyTimeoutMs: 30_000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/^cannot start Gitea on 127\.0\.0\.1:\d+: something already listens there$/);
    if (!process.env.PAAS_TEST_KEEP) expect(existsSync(workDir)).toBe(false);
  });

  it('refuses a wrong token with 401, and the helper says so with Gitea’s message', async () => {
    const err = await gitea.request('GET', '/user', { token: 'f'.repeat(40) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GiteaApiError);
    expect((err as GiteaApiError).status).toBe(401);
    expect((err as GiteaApiError).message).toMatch(/^Gitea GET \/user failed with HTTP 401: \S/);
    // and nothing was done as anyone: the same call with the real token still names the admin
    expect(await gitea.request<{ login: string }>('GET', '/user', admin)).toMatchObject({ login: admin.username });
  });
});
