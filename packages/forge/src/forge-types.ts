// What the platform asks of a git forge (GitHub, GitLab, Gitea/Forgejo), independent of which.
export type ForgeKind = 'GITHUB' | 'GITLAB' | 'GITEA';

/** How a connection authenticates: a personal (or project) access token, or a GitHub App installation. */
export type ForgeCredentials = { kind: 'token'; token: string } | { kind: 'githubApp'; appId: string; privateKey: string; installationId: string };

export interface ForgeRepository {
  /** owner/name (GitLab: the full namespace path). */
  fullName: string;
  cloneUrl: string;
  defaultBranch: string;
  private: boolean;
}

/** The states every forge knows; each client maps them to its own words (GitLab: failed). */
export type CommitState = 'pending' | 'success' | 'failure';

export interface CommitStatus {
  state: CommitState;
  targetUrl: string | null;
  description: string;
  /** The status's name on the forge, e.g. paas/deploy; a newer status with the same context replaces the older one. */
  context: string;
}

/** The forge answered, but not with what was asked: bad credentials (401/403), no such repository (404), its own failure (5xx). */
export class ForgeApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'ForgeApiError';
  }

  /** Worth another try later: the forge's own trouble or rate limit, not a refusal of this request. */
  get retryable(): boolean {
    return this.status >= 500 || this.status === 429;
  }
}
