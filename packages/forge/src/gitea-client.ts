// Gitea and Forgejo: /api/v1 with `Authorization: token <t>`.
import type { OutboundFetch } from '@paas/outbound';
import { matching, type ForgeClient } from './forge-client.js';
import { requestJson, str } from './forge-http.js';
import type { CommitStatus, ForgeRepository } from './forge-types.js';

interface GiteaRepo {
  full_name: string;
  clone_url: string;
  default_branch: string;
  private: boolean;
}

export class GiteaClient implements ForgeClient {
  constructor(
    private readonly api: string,
    private readonly token: string,
    private readonly fetch: OutboundFetch,
  ) {}

  private get<T>(path: string, what: string): Promise<T> {
    return requestJson<T>(this.fetch, `${this.api}${path}`, { headers: { authorization: `token ${this.token}` } }, what);
  }

  async account(): Promise<string> {
    return str(await this.get('/user', 'checking the token'), 'login', 'checking the token');
  }

  async repositories(search?: string): Promise<ForgeRepository[]> {
    // Gitea answers null rather than [] when there is nothing (e.g. before its push queue recorded a new branch)
    const repos = (await this.get<GiteaRepo[] | null>('/user/repos?limit=50', 'listing repositories')) ?? [];
    return matching(
      repos.map((r) => ({ fullName: r.full_name, cloneUrl: r.clone_url, defaultBranch: r.default_branch, private: r.private === true })),
      search,
    );
  }

  async branches(fullName: string): Promise<string[]> {
    const branches = (await this.get<{ name: string }[] | null>(`/repos/${repoPath(fullName)}/branches?limit=50`, 'listing branches')) ?? [];
    return branches.map((b) => b.name);
  }

  async postStatus(fullName: string, sha: string, s: CommitStatus): Promise<void> {
    await requestJson(
      this.fetch,
      `${this.api}/repos/${repoPath(fullName)}/statuses/${sha}`,
      {
        method: 'POST',
        headers: { authorization: `token ${this.token}` },
        body: { state: s.state, target_url: s.targetUrl ?? '', description: s.description, context: s.context },
      },
      'posting a commit status',
    );
  }
}

/** owner/name with each part escaped: a name from a user never adds a path segment. */
export function repoPath(fullName: string): string {
  const parts = fullName.split('/');
  if (parts.length !== 2 || parts.some((p) => !p || p === '.' || p === '..')) throw new Error(`"${fullName.slice(0, 100)}" is not owner/name`);
  return parts.map(encodeURIComponent).join('/');
}
