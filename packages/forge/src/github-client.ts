// GitHub (github.com and Enterprise Server): a personal access token, or a GitHub App
// installation whose tokens github-app-auth.ts exchanges and caches.
import type { OutboundFetch } from '@paas/outbound';
import { matching, type ForgeClient } from './forge-client.js';
import { requestJson, str } from './forge-http.js';
import type { CommitStatus, ForgeCredentials, ForgeRepository } from './forge-types.js';
import { ForgeApiError } from './forge-types.js';
import { appJwt, installationToken } from './github-app-auth.js';
import { repoPath } from './gitea-client.js';

interface GitHubRepo {
  full_name: string;
  clone_url: string;
  default_branch: string;
  private: boolean;
}

const HEADERS = { accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28', 'user-agent': 'paas' };

export class GitHubClient implements ForgeClient {
  constructor(
    private readonly api: string,
    private readonly credentials: ForgeCredentials,
    private readonly fetch: OutboundFetch,
  ) {}

  private async token(): Promise<string> {
    if (this.credentials.kind === 'token') return this.credentials.token;
    return authFailures(() => installationToken(this.api, this.credentials as Extract<ForgeCredentials, { kind: 'githubApp' }>, this.fetch));
  }

  private async call<T>(path: string, what: string, init: { method?: 'GET' | 'POST'; body?: unknown } = {}): Promise<T> {
    return requestJson<T>(this.fetch, `${this.api}${path}`, { ...init, headers: { ...HEADERS, authorization: `Bearer ${await this.token()}` } }, what);
  }

  async account(): Promise<string> {
    const c = this.credentials;
    if (c.kind === 'token') return str(await this.call('/user', 'checking the token'), 'login', 'checking the token');
    // the app's JWT reads its installation: that proves the app id, the key and the installation together
    const jwt = await authFailures(() => appJwt(this.api, c, this.fetch));
    const installation = await requestJson<{ account?: unknown }>(
      this.fetch,
      `${this.api}/app/installations/${encodeURIComponent(c.installationId)}`,
      { headers: { ...HEADERS, authorization: `Bearer ${jwt}` } },
      'checking the GitHub App installation',
    );
    return str(installation.account, 'login', 'checking the GitHub App installation');
  }

  async repositories(search?: string): Promise<ForgeRepository[]> {
    const repos =
      this.credentials.kind === 'token'
        ? await this.call<GitHubRepo[] | null>('/user/repos?per_page=100&sort=updated', 'listing repositories')
        : (await this.call<{ repositories?: GitHubRepo[] } | null>('/installation/repositories?per_page=100', 'listing repositories'))?.repositories;
    return matching(
      (repos ?? []).map((r) => ({ fullName: r.full_name, cloneUrl: r.clone_url, defaultBranch: r.default_branch, private: r.private === true })),
      search,
    );
  }

  async branches(fullName: string): Promise<string[]> {
    return ((await this.call<{ name: string }[] | null>(`/repos/${repoPath(fullName)}/branches?per_page=100`, 'listing branches')) ?? []).map((b) => b.name);
  }

  async postStatus(fullName: string, sha: string, s: CommitStatus): Promise<void> {
    const body: Record<string, string> = { state: s.state, description: s.description, context: s.context };
    if (s.targetUrl) body.target_url = s.targetUrl;
    await this.call(`/repos/${repoPath(fullName)}/statuses/${sha}`, 'posting a commit status', { method: 'POST', body });
  }
}

/** auth-app's failures (a malformed key, GitHub refusing the JWT) as ForgeApiErrors with GitHub's status. */
async function authFailures<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof ForgeApiError) throw err;
    const status = (err as { status?: unknown }).status;
    const message = (err as Error).message?.slice(0, 200) ?? 'unknown error';
    throw new ForgeApiError(`GitHub App authentication failed: ${message}`, typeof status === 'number' ? status : 401);
  }
}
