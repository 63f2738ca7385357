// One client per forge API behind one interface: the gateway checks credentials and lists
// repositories and branches with it, the worker posts commit statuses with it.
import { createOutboundFetch, type OutboundFetch } from '@paas/outbound';
import { apiRoot } from './forge-url.js';
import type { CommitStatus, ForgeCredentials, ForgeKind, ForgeRepository } from './forge-types.js';
import { GiteaClient } from './gitea-client.js';
import { GitHubClient } from './github-client.js';
import { GitLabClient } from './gitlab-client.js';

export interface ForgeClient {
  /** The login the credentials act as (a GitHub App: the installation's account); fails with ForgeApiError 401/403 for bad ones. One API call. */
  account(): Promise<string>;
  /** Repositories the credentials can see, newest activity first, at most one page (100); `search` filters by name. */
  repositories(search?: string): Promise<ForgeRepository[]>;
  /** Branch names of owner/name, at most one page (100). */
  branches(fullName: string): Promise<string[]>;
  postStatus(fullName: string, sha: string, status: CommitStatus): Promise<void>;
}

export interface ForgeConnectionParams {
  forge: ForgeKind;
  /** Normalized (normalizeBaseUrl). */
  baseUrl: string;
  credentials: ForgeCredentials;
}

let sharedFetch: OutboundFetch | undefined;

export function createForgeClient(
  { forge, baseUrl, credentials }: ForgeConnectionParams,
  fetch: OutboundFetch = (sharedFetch ??= createOutboundFetch()),
): ForgeClient {
  const api = apiRoot(forge, baseUrl);
  if (credentials.kind === 'githubApp' && forge !== 'GITHUB') throw new Error('GitHub App credentials are for GitHub connections only');
  switch (forge) {
    case 'GITHUB':
      return new GitHubClient(api, credentials, fetch);
    case 'GITEA':
      return new GiteaClient(api, credentials.kind === 'token' ? credentials.token : '', fetch);
    case 'GITLAB':
      return new GitLabClient(api, credentials.kind === 'token' ? credentials.token : '', fetch);
  }
}

/** The repositories whose name contains `search` (case-insensitive), for the forges whose API cannot filter. */
export function matching(repos: ForgeRepository[], search: string | undefined): ForgeRepository[] {
  const s = search?.trim().toLowerCase();
  return s ? repos.filter((r) => r.fullName.toLowerCase().includes(s)) : repos;
}
