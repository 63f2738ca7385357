import { describe, expect, it } from 'vitest';
import { ForgeProviderConfigError, forgeProvidersFromEnv } from './forge-providers.js';

describe('forge providers from the environment', () => {
  it('offers none by default', () => {
    expect(forgeProvidersFromEnv({})).toEqual([]);
  });

  it('reads each kind with its defaults', () => {
    const providers = forgeProvidersFromEnv({
      PAAS_AUTH_GITHUB_CLIENT_ID: 'gh',
      PAAS_AUTH_GITHUB_CLIENT_SECRET: 'ghs',
      PAAS_AUTH_GITLAB_CLIENT_ID: 'gl',
      PAAS_AUTH_GITLAB_CLIENT_SECRET: 'gls',
      PAAS_AUTH_GITEA_URL: 'http://127.0.0.1:3000/',
      PAAS_AUTH_GITEA_NAME: 'Forgejo',
      PAAS_AUTH_GITEA_CLIENT_ID: 'gt',
      PAAS_AUTH_GITEA_CLIENT_SECRET: 'gts',
      PAAS_AUTH_OIDC_ISSUER: 'https://tenant.example.com/',
      PAAS_AUTH_OIDC_CLIENT_ID: 'o',
      PAAS_AUTH_OIDC_CLIENT_SECRET: 'os',
    });
    expect(providers.map((p) => [p.id, p.name, p.protocol, p.url.href, p.apiUrl?.href])).toEqual([
      ['github', 'GitHub', 'github', 'https://github.com/', 'https://api.github.com/'],
      ['gitlab', 'GitLab', 'oidc', 'https://gitlab.com/', undefined],
      ['gitea', 'Forgejo', 'oidc', 'http://127.0.0.1:3000/', undefined],
      // a generic issuer stays exactly as configured: the discovery document must name the same one
      ['oidc', 'single sign-on', 'oidc', 'https://tenant.example.com/', undefined],
    ]);
  });

  it('finds GitHub Enterprise Server API under /api/v3 and a Gitea under a path without the trailing slash (its issuer)', () => {
    const [gh, gitea] = forgeProvidersFromEnv({
      PAAS_AUTH_GITHUB_URL: 'https://ghe.example.com',
      PAAS_AUTH_GITHUB_CLIENT_ID: 'a',
      PAAS_AUTH_GITHUB_CLIENT_SECRET: 'b',
      PAAS_AUTH_GITEA_URL: 'https://example.com/git/',
      PAAS_AUTH_GITEA_CLIENT_ID: 'a',
      PAAS_AUTH_GITEA_CLIENT_SECRET: 'b',
    });
    expect(gh.apiUrl?.href).toBe('https://ghe.example.com/api/v3/');
    expect(gitea.url.href).toBe('https://example.com/git');
  });

  it.each([
    [{ PAAS_AUTH_GITHUB_CLIENT_ID: 'only-id' }, /go together/],
    [{ PAAS_AUTH_GITEA_CLIENT_ID: 'a', PAAS_AUTH_GITEA_CLIENT_SECRET: 'b' }, /PAAS_AUTH_GITEA_URL is needed/],
    [{ PAAS_AUTH_GITEA_URL: 'ftp://x', PAAS_AUTH_GITEA_CLIENT_ID: 'a', PAAS_AUTH_GITEA_CLIENT_SECRET: 'b' }, /http\(s\) URL/],
    [{ PAAS_AUTH_GITEA_URL: 'https://u:p@x', PAAS_AUTH_GITEA_CLIENT_ID: 'a', PAAS_AUTH_GITEA_CLIENT_SECRET: 'b' }, /without credentials/],
    [{ PAAS_AUTH_OIDC_ISSUER: 'not a url', PAAS_AUTH_OIDC_CLIENT_ID: 'a', PAAS_AUTH_OIDC_CLIENT_SECRET: 'b' }, /not a URL/],
    [
      { PAAS_AUTH_OIDC_ISSUER: 'https://x', PAAS_AUTH_OIDC_NAME: '<script>', PAAS_AUTH_OIDC_CLIENT_ID: 'a', PAAS_AUTH_OIDC_CLIENT_SECRET: 'b' },
      /plain characters/,
    ],
  ])('refuses a half or hostile configuration at start: %j', (env, message) => {
    expect(() => forgeProvidersFromEnv(env)).toThrow(ForgeProviderConfigError);
    expect(() => forgeProvidersFromEnv(env)).toThrow(message);
  });
});
