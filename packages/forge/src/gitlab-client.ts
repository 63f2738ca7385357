// GitLab: /api/v4 with `PRIVATE-TOKEN`; projects are addressed by their URL-encoded full path.
import type { OutboundFetch } from '@paas/outbound';
import type { ForgeClient } from './forge-client.js';
import { requestJson, str } from './forge-http.js';
import type { CommitStatus, ForgeRepository } from './forge-types.js';

interface GitLabProject {
  path_with_namespace: string;
  http_url_to_repo: string;
  default_branch: string | null;
  visibility: string;
}

// GitLab's words for the platform's states
const STATE = { pending: 'pending', success: 'success', failure: 'failed' } as const;

export class GitLabClient implements ForgeClient {
  constructor(
    private readonly api: string,
    private readonly token: string,
    private readonly fetch: OutboundFetch,
  ) {}

  private get<T>(path: string, what: string): Promise<T> {
    return requestJson<T>(this.fetch, `${this.api}${path}`, { headers: { 'private-token': this.token } }, what);
  }

  async account(): Promise<string> {
    return str(await this.get('/user', 'checking the token'), 'username', 'checking the token');
  }

  async repositories(search?: string): Promise<ForgeRepository[]> {
    const q = new URLSearchParams({ membership: 'true', simple: 'true', per_page: '100', order_by: 'last_activity_at' });
    if (search?.trim()) q.set('search', search.trim());
    const projects = (await this.get<GitLabProject[] | null>(`/projects?${q}`, 'listing repositories')) ?? [];
    return projects.map((p) => ({
      fullName: p.path_with_namespace,
      cloneUrl: p.http_url_to_repo,
      defaultBranch: p.default_branch ?? 'main',
      private: p.visibility !== 'public',
    }));
  }

  async branches(fullName: string): Promise<string[]> {
    const branches = (await this.get<{ name: string }[] | null>(`/projects/${projectId(fullName)}/repository/branches?per_page=100`, 'listing branches')) ?? [];
    return branches.map((b) => b.name);
  }

  async postStatus(fullName: string, sha: string, s: CommitStatus): Promise<void> {
    const body: Record<string, string> = { state: STATE[s.state], description: s.description, name: s.context };
    if (s.targetUrl) body.target_url = s.targetUrl;
    await requestJson(
      this.fetch,
      `${this.api}/projects/${projectId(fullName)}/statuses/${sha}`,
      { method: 'POST', headers: { 'private-token': this.token }, body },
      'posting a commit status',
    );
  }
}

function projectId(fullName: string): string {
  const parts = fullName.split('/');
  if (parts.length < 2 || parts.some((p) => !p || p === '.' || p === '..')) throw new Error(`"${fullName.slice(0, 100)}" is not a project path`);
  return encodeURIComponent(fullName);
}
