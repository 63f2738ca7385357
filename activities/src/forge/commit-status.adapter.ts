// The forges' commit status APIs (GitHub, Gitea, GitLab) behind one adapter: which of the team's
// forge connections an app's repository belongs to, and the post through @paas/forge (and so
// through the outbound guard). A GitHub App connection's installation token is cached by @paas/forge.
import type { Database, ForgeConnectionEntity } from '@paas/db';
import { createForgeClient, repositoryUnder, type CommitStatus, type ForgeCredentials } from '@paas/forge';

export interface StatusTarget {
  connection: ForgeConnectionEntity;
  fullName: string;
}

export class CommitStatusAdapter {
  constructor(private readonly db: Database) {}

  /** The connection whose forge hosts `gitUrl`: same host (and base path), its account the repository's owner if one is, else the oldest on that host. */
  async targetOf(teamId: string, gitUrl: string): Promise<StatusTarget | null> {
    const candidates = (await this.db.forgeConnections.forTeam(teamId))
      .map((connection) => ({ connection, repo: repositoryUnder(connection.baseUrl, gitUrl) }))
      .filter((c): c is { connection: ForgeConnectionEntity; repo: { fullName: string; owner: string } } => c.repo !== null);
    const best = candidates.find((c) => c.connection.account.toLowerCase() === c.repo.owner.toLowerCase()) ?? candidates[0];
    return best ? { connection: best.connection, fullName: best.repo.fullName } : null;
  }

  async post({ connection: c, fullName }: StatusTarget, sha: string, status: CommitStatus): Promise<void> {
    const credentials: ForgeCredentials =
      c.auth === 'TOKEN'
        ? { kind: 'token', token: c.token ?? '' }
        : { kind: 'githubApp', appId: c.githubAppId ?? '', installationId: c.githubInstallationId ?? '', privateKey: c.githubPrivateKey ?? '' };
    await createForgeClient({ forge: c.forge, baseUrl: c.baseUrl, credentials }).postStatus(fullName, sha, status);
  }
}
