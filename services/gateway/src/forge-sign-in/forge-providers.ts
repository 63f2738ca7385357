// Which forges and OpenID Connect providers people may sign in with, from the environment: one of
// each kind, configured by its client id and secret (and a base URL where there is no default).
//   GitHub          PAAS_AUTH_GITHUB_CLIENT_ID/_SECRET      (PAAS_AUTH_GITHUB_URL for GitHub Enterprise)
//   GitLab          PAAS_AUTH_GITLAB_CLIENT_ID/_SECRET      (PAAS_AUTH_GITLAB_URL, default https://gitlab.com)
//   Gitea, Forgejo  PAAS_AUTH_GITEA_URL, _CLIENT_ID/_SECRET (PAAS_AUTH_GITEA_NAME, e.g. Forgejo or Codeberg)
//   Any OIDC        PAAS_AUTH_OIDC_ISSUER, _CLIENT_ID/_SECRET (PAAS_AUTH_OIDC_NAME, the button's label)
// GitLab, Gitea and generic providers speak OpenID Connect (discovery, id_token, nonce); GitHub
// speaks plain OAuth2, so its profile comes from its REST API.

export type ForgeProviderId = 'github' | 'gitlab' | 'gitea' | 'oidc';

export interface ForgeProvider {
  id: ForgeProviderId;
  /** The button's label: "Sign in with <name>". */
  name: string;
  protocol: 'oidc' | 'github';
  /** OIDC: the issuer (discovery at /.well-known/openid-configuration); GitHub: the web URL. */
  url: URL;
  /** GitHub only: its REST API. */
  apiUrl?: URL;
  clientId: string;
  clientSecret: string;
}

export class ForgeProviderConfigError extends Error {}

export function forgeProvidersFromEnv(env: NodeJS.ProcessEnv = process.env): ForgeProvider[] {
  const providers: ForgeProvider[] = [];
  const add = (id: ForgeProviderId, prefix: string, make: () => Omit<ForgeProvider, 'id' | 'clientId' | 'clientSecret'>) => {
    const clientId = env[`${prefix}_CLIENT_ID`]?.trim();
    const clientSecret = env[`${prefix}_CLIENT_SECRET`]?.trim();
    if (!clientId && !clientSecret) return;
    if (!clientId || !clientSecret) throw new ForgeProviderConfigError(`${prefix}_CLIENT_ID and ${prefix}_CLIENT_SECRET go together; one of them is missing`);
    providers.push({ ...make(), id, clientId, clientSecret });
  };
  add('github', 'PAAS_AUTH_GITHUB', () => {
    const url = baseUrl(env.PAAS_AUTH_GITHUB_URL || 'https://github.com', 'PAAS_AUTH_GITHUB_URL');
    // github.com's API has its own host; GitHub Enterprise Server serves it under /api/v3
    const apiUrl = url.hostname === 'github.com' ? new URL('https://api.github.com/') : new URL('api/v3/', url);
    return { name: 'GitHub', protocol: 'github', url, apiUrl };
  });
  // GitLab and Gitea name themselves (the OIDC issuer) by their URL without a trailing slash
  add('gitlab', 'PAAS_AUTH_GITLAB', () => ({
    name: 'GitLab',
    protocol: 'oidc',
    url: issuer(baseUrl(env.PAAS_AUTH_GITLAB_URL || 'https://gitlab.com', 'PAAS_AUTH_GITLAB_URL')),
  }));
  add('gitea', 'PAAS_AUTH_GITEA', () => ({
    name: label(env.PAAS_AUTH_GITEA_NAME, 'Gitea'),
    protocol: 'oidc',
    url: issuer(required(env.PAAS_AUTH_GITEA_URL, 'PAAS_AUTH_GITEA_URL')),
  }));
  // any other provider: its issuer exactly as configured (some end in a slash, most do not)
  add('oidc', 'PAAS_AUTH_OIDC', () => ({
    name: label(env.PAAS_AUTH_OIDC_NAME, 'single sign-on'),
    protocol: 'oidc',
    url: required(env.PAAS_AUTH_OIDC_ISSUER, 'PAAS_AUTH_OIDC_ISSUER', false),
  }));
  return providers;
}

function required(raw: string | undefined, name: string, directory = true): URL {
  if (!raw?.trim()) throw new ForgeProviderConfigError(`${name} is needed with its client id and secret`);
  return baseUrl(raw.trim(), name, directory);
}

function issuer(url: URL): URL {
  return new URL(url.href.replace(/\/+$/, ''));
}

/** An http(s) URL without credentials, query or fragment; as a directory (relative paths append) unless told otherwise. */
function baseUrl(raw: string, name: string, directory = true): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ForgeProviderConfigError(`${name} is not a URL`);
  }
  if (!['http:', 'https:'].includes(url.protocol) || url.username || url.password || url.search || url.hash)
    throw new ForgeProviderConfigError(`${name} must be an http(s) URL without credentials, query or fragment`);
  if (directory && !url.pathname.endsWith('/')) url.pathname += '/';
  return url;
}

function label(raw: string | undefined, fallback: string): string {
  const name = raw?.trim();
  if (!name) return fallback;
  if (name.length > 40 || /[\p{Cc}<>]/u.test(name)) throw new ForgeProviderConfigError('a provider name is at most 40 plain characters');
  return name;
}
