// Secrets are encrypted everywhere the platform keeps them: a canary secret env var and a canary
// git token go in through the contract, the app deploys and its container sees the secret, and
// neither canary is found in PostgreSQL's files, Temporal's stored history read raw (through its
// API without the codec, and its database file), the gateway's and worker's logs, the deployment
// log, or any API response.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { busyboxApp, FixtureRepo } from '../helpers/fixture-repo.js';
import { startPrivateGitServer } from '../helpers/git-http-server.js';
import { createApp, deploy, DEPLOYMENT_FIELDS, gql, viaEdge, waitForDeployment } from '../helpers/graphql.js';
import { historyJson, openedHistoryJson, payloadTexts } from '../helpers/histories.js';
import { checkpointPostgres, filesContaining } from '../helpers/raw-storage.js';

const ENV_CANARY = `canaryenv${randomBytes(6).toString('hex')}`;
const TOKEN_CANARY = `canarytok${randomBytes(6).toString('hex')}`;
const CANARIES = [ENV_CANARY, TOKEN_CANARY];
/** A commit that does not exist: the failure's message names it, and failure messages are sealed too. */
const FAILURE_CANARY = randomBytes(20).toString('hex');

describe('secrets encrypted at rest and in Temporal', () => {
  const repo = new FixtureRepo();
  const projectRoot = mkdtempSync(join(tmpdir(), 'paas-git-root-'));
  let server: Awaited<ReturnType<typeof startPrivateGitServer>>;
  let appId: string;
  let deploymentId: string;
  let workflowId: string;
  const responses: string[] = [];
  const query = async <T = Record<string, any>>(q: string, v: Record<string, unknown> = {}): Promise<T> => {
    const r = await gql<T>(q, v);
    responses.push(JSON.stringify(r));
    return r;
  };

  beforeAll(async () => {
    repo.commit(busyboxApp({ body: 'canary app\n' }));
    repo.git('clone', '--quiet', '--bare', repo.dir, join(projectRoot, 'app.git'));
    server = await startPrivateGitServer(projectRoot, TOKEN_CANARY);
    const app = await createApp({
      name: 'secret-canary',
      gitUrl: server.url('app.git'),
      gitToken: TOKEN_CANARY,
      healthCheckPath: '/cgi-bin/health',
      env: [{ key: 'GREETING', value: ENV_CANARY, secret: true }],
    });
    responses.push(JSON.stringify(app));
    appId = app.id;
  });

  afterAll(async () => {
    if (appId) await gql(`mutation($id: ID!) { deleteApp(id: $id) }`, { id: appId }).catch(() => undefined);
    await server?.close();
    repo.remove();
    rmSync(projectRoot, { recursive: true, force: true });
  });

  it('deploys with the secret and the token: the clone authenticates and the container sees the secret in clear', async () => {
    const started = await deploy(appId);
    responses.push(JSON.stringify(started));
    deploymentId = started.id;
    const d = await waitForDeployment(deploymentId);
    responses.push(JSON.stringify(d));
    expect(d.error).toBeNull();
    expect(d.status).toBe('LIVE');
    workflowId = d.workflowId;
    expect(server.requests.some((r) => r.endsWith('with-auth'))).toBe(true);
    expect(await viaEdge('secret-canary', '/env.txt')).toEqual({ status: 200, body: `${ENV_CANARY}\n` });
  });

  it('no API response carries a canary', async () => {
    await query(`query($id: ID!) { app(id: $id) { id name gitUrl hasGitToken env { key value secret } deployments { ${DEPLOYMENT_FIELDS} } } }`, { id: appId });
    await query(`query { apps { id env { key value secret } } }`);
    await query(`query($id: ID!) { deployment(id: $id) { ${DEPLOYMENT_FIELDS} } }`, { id: deploymentId });
    const logs = await query(`query($id: ID!) { deploymentLogs(deploymentId: $id) { line } }`, { id: deploymentId });
    expect((logs.deploymentLogs as unknown[]).length).toBeGreaterThan(0);
    const all = responses.join('\n');
    expect(all).toContain('"secret":true');
    for (const c of CANARIES) expect(all).not.toContain(c);
  });

  it("Temporal's stored history holds ciphertext only: read raw, no canary and not even the app's id; opened with the codec, the ids", async () => {
    const history = await historyJson(workflowId);
    const raw = (await payloadTexts(history)).join('\n');
    expect(raw.length).toBeGreaterThan(0);
    expect(raw).not.toContain(appId);
    expect((await payloadTexts(history, true)).join('\n')).toContain(appId);
    // the form histories are recorded in for the replay test: opened, so that replaying needs no key
    const recorded = await openedHistoryJson(history);
    expect(recorded).not.toContain(Buffer.from('binary/paas-encrypted').toString('base64'));
    expect((await payloadTexts(recorded)).join('\n')).toContain(appId);
    for (const c of CANARIES) {
      expect(history).not.toContain(c);
      expect(raw).not.toContain(c);
    }
  });

  it("a failure's message is sealed in the history like a payload; the API still says it in clear", async () => {
    const failed = await waitForDeployment((await deploy(appId, FAILURE_CANARY)).id);
    expect(failed.status).toBe('FAILED');
    expect(failed.error).toContain(FAILURE_CANARY);
    const history = await historyJson(failed.workflowId);
    expect(history).toContain('Encoded failure');
    expect(history).not.toContain(FAILURE_CANARY);
  });

  it("no canary is in PostgreSQL's files (after a checkpoint), Temporal's database file or the services' logs", async () => {
    await checkpointPostgres();
    const dataDir = inject('dataDir');
    // the search can find: the app's name is stored in clear in the same rows
    expect(filesContaining(join(dataDir, 'postgres'), ['secret-canary']).length).toBeGreaterThan(0);
    for (const dir of ['postgres', 'temporal', 'logs']) expect(filesContaining(join(dataDir, dir), CANARIES), dir).toEqual([]);
  });
});
