// The three clients' requests and answers against a local HTTP server that records what it was
// sent (the e2e tests talk to a real Gitea and a GitHub stand-in; GitLab is only here).
import { createOutboundFetch, OutboundAllowList } from '@paas/outbound';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createForgeClient } from './forge-client.js';
import { ForgeApiError } from './forge-types.js';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

let server: Server;
let base: string;
const seen: Seen[] = [];
let answer: { status: number; body: unknown } = { status: 200, body: {} };
const sha = 'a'.repeat(40);

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString() });
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const client = (forge: 'GITHUB' | 'GITLAB' | 'GITEA') => {
  const fetch = createOutboundFetch(new OutboundAllowList([base.replace('http://', '')]));
  return createForgeClient({ forge, baseUrl: base, credentials: { kind: 'token', token: 'tok-1' } }, fetch);
};
const last = () => seen[seen.length - 1];
const status = {
  state: 'failure' as const,
  targetUrl: 'https://paas.example/#/apps/a/deployments/d',
  description: 'Deployment failed: x',
  context: 'paas/deploy',
};

describe('forge clients', () => {
  it('GitLab: PRIVATE-TOKEN, projects by encoded path, failed for failure, name for context', async () => {
    answer = { status: 200, body: { username: 'gl-user' } };
    expect(await client('GITLAB').account()).toBe('gl-user');
    expect(last()).toMatchObject({ method: 'GET', url: '/api/v4/user' });
    expect(last().headers['private-token']).toBe('tok-1');

    answer = { status: 201, body: {} };
    await client('GITLAB').postStatus('group/sub/proj', sha, status);
    expect(last()).toMatchObject({ method: 'POST', url: `/api/v4/projects/group%2Fsub%2Fproj/statuses/${sha}` });
    expect(JSON.parse(last().body)).toEqual({ state: 'failed', description: 'Deployment failed: x', name: 'paas/deploy', target_url: status.targetUrl });

    answer = {
      status: 200,
      body: [{ path_with_namespace: 'group/proj', http_url_to_repo: 'https://gl.example/group/proj.git', default_branch: null, visibility: 'private' }],
    };
    expect(await client('GITLAB').repositories('pro')).toEqual([
      { fullName: 'group/proj', cloneUrl: 'https://gl.example/group/proj.git', defaultBranch: 'main', private: true },
    ]);
    expect(last().url).toContain('search=pro');
  });

  it('Gitea: token auth, owner/name escaped, its own state words', async () => {
    answer = { status: 201, body: {} };
    await client('GITEA').postStatus('o/r', sha, { ...status, state: 'pending' });
    expect(last()).toMatchObject({ method: 'POST', url: `/api/v1/repos/o/r/statuses/${sha}` });
    expect(last().headers.authorization).toBe('token tok-1');
    expect(JSON.parse(last().body)).toMatchObject({ state: 'pending', context: 'paas/deploy' });
    await expect(client('GITEA').branches('../admin')).rejects.toThrow(/not owner\/name/);
    await expect(client('GITEA').branches('o/r/x')).rejects.toThrow(/not owner\/name/);
    answer = { status: 200, body: null };
    expect(await client('GITEA').branches('o/r')).toEqual([]);
  });

  it('GitHub: bearer token, /api/v3 on Enterprise Server, errors carry the status without the token', async () => {
    answer = { status: 401, body: { message: 'Bad credentials' } };
    const err = await client('GITHUB')
      .account()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ForgeApiError);
    expect((err as ForgeApiError).status).toBe(401);
    expect((err as ForgeApiError).retryable).toBe(false);
    expect((err as Error).message).toContain('Bad credentials');
    expect((err as Error).message).not.toContain('tok-1');
    expect(last()).toMatchObject({ url: '/api/v3/user' });
    expect(last().headers.authorization).toBe('Bearer tok-1');
    answer = { status: 502, body: 'upstream' };
    const down = await client('GITHUB')
      .postStatus('o/r', sha, status)
      .catch((e: unknown) => e);
    expect((down as ForgeApiError).retryable).toBe(true);
  });

  it('refuses a private address the allow list does not name', async () => {
    const guarded = createForgeClient(
      { forge: 'GITEA', baseUrl: 'http://127.0.0.1:8443', credentials: { kind: 'token', token: 't' } },
      createOutboundFetch(new OutboundAllowList([])),
    );
    await expect(guarded.account()).rejects.toThrow(/PAAS_OUTBOUND_ALLOW/);
  });
});
