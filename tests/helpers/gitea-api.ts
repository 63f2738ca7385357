// Gitea's REST API (/api/v1), typed for what the tests need: users and their tokens, OAuth2
// applications (the forge sign-in), repositories and git URLs (pushes, webhooks, statuses).
// Errors name the request, the HTTP status and Gitea's own message.
// After a push, the API lags a little: Gitea updates the repository (empty flag, commit lists)
// from a queue after the push hooks, so tests poll for what a push changed.

export interface GiteaAccount {
  username: string;
  password: string;
  email: string;
}

/** Who a call is made as: an access token, or a password (only Gitea's token endpoint needs one). */
export type GiteaAuth = { token: string } | { username: string; password: string };

export class GiteaApiError extends Error {
  constructor(
    readonly status: number,
    readonly method: string,
    readonly path: string,
    readonly giteaMessage: string,
  ) {
    super(`Gitea ${method} ${path} failed with HTTP ${status}: ${giteaMessage || '(no message)'}`);
    this.name = 'GiteaApiError';
  }
}

export interface GiteaOAuth2App {
  clientId: string;
  clientSecret: string;
}

export interface GiteaRepo {
  owner: string;
  name: string;
  defaultBranch: string;
  cloneUrl: string;
}

export interface GiteaApi {
  /** Any call of the API, for what the typed helpers below do not cover (webhooks, statuses, pulls). */
  request<T>(method: string, path: string, as: GiteaAuth, body?: unknown): Promise<T>;
  /** A user created through the admin API, who need not change the password. */
  createUser(account: GiteaAccount): Promise<GiteaAccount>;
  /** A new access token with every scope, created with the user's password. */
  tokenFor(user: { username: string; password: string }): Promise<string>;
  /** An OAuth2 application owned by the token's user (the admin by default). */
  createOAuth2App(app: { name: string; redirectUris: string[]; confidential?: boolean }, as?: { token: string }): Promise<GiteaOAuth2App>;
  createRepo(
    owner: { username: string; token: string },
    name: string,
    options?: { autoInit?: boolean; defaultBranch?: string; private?: boolean },
  ): Promise<GiteaRepo>;
  /** A clone/push URL carrying the credentials, for git over HTTP. */
  gitUrl(username: string, repo: string, token: string): string;
}

export function giteaApi(url: string, admin: { token: string }): GiteaApi {
  const request = async <T>(method: string, path: string, as: GiteaAuth, body?: unknown): Promise<T> => {
    const authorization = 'token' in as ? `token ${as.token}` : `Basic ${Buffer.from(`${as.username}:${as.password}`).toString('base64')}`;
    const res = await fetch(`${url}/api/v1${path}`, {
      method,
      headers: { authorization, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    if (!res.ok) throw new GiteaApiError(res.status, method, path, giteaMessage(text));
    return (text ? JSON.parse(text) : undefined) as T;
  };

  return {
    request,
    async createUser(account) {
      await request('POST', '/admin/users', admin, { ...account, must_change_password: false });
      return account;
    },
    async tokenFor(user) {
      // token names are unique per user
      const name = `test-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
      const created = await request<{ sha1: string }>('POST', `/users/${encodeURIComponent(user.username)}/tokens`, user, { name, scopes: ['all'] });
      return created.sha1;
    },
    async createOAuth2App(app, as = admin) {
      const created = await request<{ client_id: string; client_secret: string }>('POST', '/user/applications/oauth2', as, {
        name: app.name,
        redirect_uris: app.redirectUris,
        confidential_client: app.confidential ?? true,
      });
      return { clientId: created.client_id, clientSecret: created.client_secret };
    },
    async createRepo(owner, name, options = {}) {
      const repo = await request<{ name: string; default_branch: string; clone_url: string; owner: { login: string } }>('POST', '/user/repos', owner, {
        name,
        auto_init: options.autoInit ?? false,
        default_branch: options.defaultBranch ?? 'main',
        private: options.private ?? false,
      });
      return { owner: repo.owner.login, name: repo.name, defaultBranch: repo.default_branch, cloneUrl: repo.clone_url };
    },
    gitUrl(username, repo, token) {
      const u = new URL(`${url}/${encodeURIComponent(username)}/${encodeURIComponent(repo)}.git`);
      u.username = username;
      u.password = token;
      return u.toString();
    },
  };
}

/** Gitea answers errors as JSON `{ message }` (sometimes with `errors`); anything else is shown as text. */
function giteaMessage(text: string): string {
  try {
    const parsed = JSON.parse(text) as { message?: unknown; errors?: unknown };
    const errors = Array.isArray(parsed.errors) && parsed.errors.length ? ` (${parsed.errors.join('; ')})` : '';
    if (typeof parsed.message === 'string') return `${parsed.message}${errors}`;
  } catch {
    // not JSON
  }
  return text.trim().slice(0, 500);
}
