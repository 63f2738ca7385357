// A GitHub App's installation tokens through @octokit/auth-app: a JWT signed with the app's
// private key buys an installation token (valid for an hour), which auth-app caches until shortly
// before it expires. One auth instance per app, installation, key and API root, so the cache is
// shared by every call of this process; its requests go through the outbound guard.
import { createAppAuth } from '@octokit/auth-app';
import { request } from '@octokit/request';
import type { OutboundFetch } from '@paas/outbound';
import { createHash } from 'node:crypto';

export interface GitHubAppKey {
  appId: string;
  privateKey: string;
  installationId: string;
}

type AppAuth = ReturnType<typeof createAppAuth>;
const MAX_CACHED = 100;
const instances = new Map<string, AppAuth>();

function authFor(api: string, key: GitHubAppKey, fetch: OutboundFetch): AppAuth {
  const id = createHash('sha256').update(`${api}\n${key.appId}\n${key.installationId}\n${key.privateKey}`).digest('hex');
  let auth = instances.get(id);
  if (!auth) {
    if (instances.size >= MAX_CACHED) instances.delete(instances.keys().next().value!);
    auth = createAppAuth({
      appId: key.appId,
      privateKey: key.privateKey,
      installationId: key.installationId,
      request: request.defaults({ baseUrl: api, request: { fetch } }),
    });
    instances.set(id, auth);
  }
  return auth;
}

/** The app's own JWT (for /app endpoints). */
export async function appJwt(api: string, key: GitHubAppKey, fetch: OutboundFetch): Promise<string> {
  return (await authFor(api, key, fetch)({ type: 'app' })).token;
}

/** An installation token, from the cache while it is valid. */
export async function installationToken(api: string, key: GitHubAppKey, fetch: OutboundFetch): Promise<string> {
  return (await authFor(api, key, fetch)({ type: 'installation' })).token;
}
