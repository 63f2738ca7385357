// A private https/http repository: the token is write-only, reaches git only through its
// environment, and never shows in the API or the deployment log.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { busyboxApp, FixtureRepo } from '../helpers/fixture-repo.js';
import { startPrivateGitServer } from '../helpers/git-http-server.js';
import { createApp, deploy, gql, viaEdge, waitForDeployment } from '../helpers/graphql.js';

const TOKEN = 'ghp_test-private-token-123';

describe('private repositories', () => {
  const repo = new FixtureRepo();
  const projectRoot = mkdtempSync(join(tmpdir(), 'paas-git-root-'));
  let server: Awaited<ReturnType<typeof startPrivateGitServer>>;
  const appIds: string[] = [];

  beforeAll(async () => {
    repo.commit(busyboxApp({ body: 'private\n' }));
    repo.git('clone', '--quiet', '--bare', repo.dir, join(projectRoot, 'app.git'));
    server = await startPrivateGitServer(projectRoot, TOKEN);
  });

  afterAll(async () => {
    for (const id of appIds) await gql(`mutation($id: ID!) { deleteApp(id: $id) }`, { id }).catch(() => undefined);
    await server?.close();
    repo.remove();
    rmSync(projectRoot, { recursive: true, force: true });
  });

  it('without a token the clone fails with a clear error', async () => {
    const app = await createApp({ name: 'private-no-token', gitUrl: server.url('app.git'), healthCheckPath: '/cgi-bin/health' });
    appIds.push(app.id);
    const d = await waitForDeployment((await deploy(app.id)).id);
    expect(d.status).toBe('FAILED');
    expect(d.error).toMatch(/CLONE failed: Cannot read repository http:\/\/127\.0\.0\.1:\d+\/app\.git: .*(Username|Authentication)/);
  });

  it('with a token it deploys, and the token never comes back', async () => {
    const app = await createApp({ name: 'private-token', gitUrl: server.url('app.git'), gitToken: TOKEN, healthCheckPath: '/cgi-bin/health' });
    appIds.push(app.id);
    const d = await waitForDeployment((await deploy(app.id)).id);
    expect(d.error).toBeNull();
    expect(d.status).toBe('LIVE');
    expect(await viaEdge('private-token')).toEqual({ status: 200, body: 'private\n' });
    expect(server.requests.some((r) => r.endsWith('with-auth'))).toBe(true);

    const found = await gql(`query($id: ID!) { app(id: $id) { gitUrl hasGitToken } }`, { id: app.id });
    expect(found.app).toEqual({ gitUrl: server.url('app.git'), hasGitToken: true });
    const logs = await gql(`query($id: ID!) { deploymentLogs(deploymentId: $id) { line } }`, { id: d.id });
    expect(JSON.stringify(logs)).not.toContain(TOKEN);
    expect(JSON.stringify(logs)).not.toContain(Buffer.from(`x-access-token:${TOKEN}`).toString('base64'));
  });
});
