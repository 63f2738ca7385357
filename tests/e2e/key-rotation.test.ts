// Master key rotation on a platform of its own (`npm start` in a fresh data dir): an app with a
// secret deploys, `npm run keys:rotate` re-seals every stored secret under a new key, and after a
// restart with the new key the app deploys again with the same secret while no stored value is
// left under the old key.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { busyboxApp, FixtureRepo } from '../helpers/fixture-repo.js';
import { idOfMasterKey, keyIdOfStored, newMasterKey, storedSecretsAt } from '../helpers/raw-storage.js';
import { ownPlatformEnv } from '../helpers/own-platform-env.js';

const root = resolve(import.meta.dirname, '../..');
const dataDir = mkdtempSync(join(tmpdir(), 'paas-rotate-'));
// below 32768 (the kernel's ephemeral range), and apart from the other tests' platforms
const ports = {
  PAAS_PORT: '31610',
  PAAS_EDGE_PORT: '31680',
  PAAS_SITE_PORT: '31681',
  PAAS_PG_PORT: '31632',
  PAAS_TEMPORAL_PORT: '30433',
  PAAS_REGISTRY_PORT: '31700',
  PAAS_S3_PORT: '31950',
};
const baseEnv = ownPlatformEnv(ports, { PAAS_DATA_DIR: dataDir }, ['PAAS_MASTER_KEY', 'PAAS_PREVIOUS_MASTER_KEYS']);
const SECRET = `rotated-canary-${Date.now()}`;
const started: ChildProcess[] = [];
const repo = new FixtureRepo();

function run(script: string[], env: NodeJS.ProcessEnv): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, script, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  started.push(child);
  return { child, output: () => out, exited };
}

async function startPlatform(env: NodeJS.ProcessEnv) {
  const p = run([join(root, 'scripts/start.mjs')], env);
  const deadline = Date.now() + 240_000;
  while (!p.output().includes('Press Ctrl+C to stop.')) {
    if (Date.now() > deadline || p.child.exitCode !== null) throw new Error(`npm start did not come up:\n${p.output()}`);
    await new Promise((r) => setTimeout(r, 300));
  }
  return p;
}

async function gql(query: string, variables: Record<string, unknown> = {}): Promise<Record<string, any>> {
  const token = (JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8')) as { adminToken: string }).adminToken;
  const res = await fetch(`http://127.0.0.1:${ports.PAAS_PORT}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: Record<string, any>; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
  return body.data!;
}

async function deployed(appId: string): Promise<{ status: string; error: string | null }> {
  const { deploy } = await gql(`mutation($id: ID!) { deploy(appId: $id) { id } }`, { id: appId });
  const deadline = Date.now() + 180_000;
  for (;;) {
    const { deployment } = await gql(`query($id: ID!) { deployment(id: $id) { status error } }`, { id: deploy.id });
    if (['LIVE', 'FAILED', 'CANCELLED', 'SUPERSEDED'].includes(deployment.status) || Date.now() > deadline) return deployment;
    await new Promise((r) => setTimeout(r, 500));
  }
}

function viaEdge(path: string): Promise<string> {
  return new Promise((done, fail) => {
    request({ host: '127.0.0.1', port: Number(ports.PAAS_EDGE_PORT), path, headers: { host: 'rotating.localhost' } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => done(body));
    })
      .on('error', fail)
      .end();
  });
}

const databaseUrl = () => {
  const pg = (JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8')) as { pgPassword: string }).pgPassword;
  return `postgres://postgres:${encodeURIComponent(pg)}@127.0.0.1:${ports.PAAS_PG_PORT}/paas`;
};
const storedSecrets = () => storedSecretsAt(databaseUrl());

afterAll(async () => {
  // a failed assertion must not leave a platform running
  for (const c of started) if (c.exitCode === null && c.signalCode === null) c.kill('SIGINT');
  await new Promise((r) => setTimeout(r, 5000));
  rmSync(dataDir, { recursive: true, force: true });
  repo.remove();
});

describe('master key rotation', () => {
  it('re-seals every stored secret under the new key; after a restart with it the app deploys with the same secret', async () => {
    repo.commit(busyboxApp({ body: 'rotating\n' }));
    let platform = await startPlatform(baseEnv);
    const oldKey = readFileSync(join(dataDir, 'master.key'), 'utf8').trim();
    const { createApp } = await gql(`mutation($input: CreateAppInput!) { createApp(input: $input) { id } }`, {
      input: { name: 'rotating', gitUrl: repo.url, healthCheckPath: '/cgi-bin/health', env: [{ key: 'GREETING', value: SECRET, secret: true }] },
    });
    expect(await deployed(createApp.id)).toEqual({ status: 'LIVE', error: null });
    expect(await viaEdge('/env.txt')).toBe(`${SECRET}\n`);
    // a webhook secret is a stored secret too
    await gql(`mutation($id: ID!) { enableGitWebhook(appId: $id, forge: GITEA) { url } }`, { id: createApp.id });
    const before = await storedSecrets();
    expect(before.length).toBeGreaterThanOrEqual(3);
    for (const v of before) expect(keyIdOfStored(v)).toBe(idOfMasterKey(oldKey));

    // the platform's PostgreSQL runs under npm start: rotate between deployments, then restart at once
    const newKey = newMasterKey();
    const rotation = run([join(root, 'packages/db/dist/cli/rotate-keys.js')], {
      PATH: process.env.PATH,
      DATABASE_URL: databaseUrl(),
      PAAS_MASTER_KEY: newKey,
      PAAS_PREVIOUS_MASTER_KEYS: oldKey,
    });
    expect(await rotation.exited, rotation.output()).toBe(0);
    expect(rotation.output()).not.toContain(SECRET);
    platform.child.kill('SIGINT');
    expect(await platform.exited).toBe(0);

    writeFileSync(join(dataDir, 'master.key'), `${newKey}\n`, { mode: 0o600 });
    platform = await startPlatform({ ...baseEnv, PAAS_PREVIOUS_MASTER_KEYS: oldKey });
    const after = await storedSecrets();
    for (const v of after) expect(keyIdOfStored(v)).toBe(idOfMasterKey(newKey));
    for (const v of before) expect(after).not.toContain(v);

    expect(await deployed(createApp.id)).toEqual({ status: 'LIVE', error: null });
    expect(await viaEdge('/env.txt')).toBe(`${SECRET}\n`);
    await gql(`mutation($id: ID!) { deleteApp(id: $id) }`, { id: createApp.id });
    platform.child.kill('SIGINT');
    expect(await platform.exited).toBe(0);
  }, 900_000);
});
