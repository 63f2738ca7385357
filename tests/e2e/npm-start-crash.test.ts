// A hard kill is not a broken install. `npm start`'s children run detached (their own sessions),
// so a SIGKILL of npm start's session leaves them running and holding the ports. The next
// `npm start` on the same data dir must stop exactly those (by their recorded identity), come up,
// and let the deployment that was in flight finish, LIVE once. Then the same after SIGTERM to
// every process of the session at once (what a service manager does).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FixtureRepo } from '../helpers/fixture-repo.js';
import { ownPlatformEnv } from '../helpers/own-platform-env.js';

const root = resolve(import.meta.dirname, '../..');
const dataDir = mkdtempSync(join(tmpdir(), 'paas-crash-'));
const faults = join(dataDir, 'faults');
const runDir = join(dataDir, 'run');
// below 32768, apart from the npm start test's ports (31400…) and the test stacks' (14000…19000 + offsets)
const ports = {
  PAAS_PORT: '31600',
  PAAS_EDGE_PORT: '31680',
  PAAS_SITE_PORT: '31681',
  PAAS_PG_PORT: '31632',
  PAAS_TEMPORAL_PORT: '30333',
  PAAS_REGISTRY_PORT: '31700',
  PAAS_S3_PORT: '31950',
};
const env = ownPlatformEnv(ports, { PAAS_DATA_DIR: dataDir, PAAS_FAULT_PAUSE_DIR: faults });
const gatewayUrl = `http://127.0.0.1:${ports.PAAS_PORT}`;
const repo = new FixtureRepo();
const runs: Run[] = [];

interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** `npm start` in a session of its own, as from a terminal. */
function start(): Run {
  const child = spawn(process.execPath, [join(root, 'scripts/start.mjs')], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const run = { child, output: () => out, exited };
  runs.push(run);
  return run;
}

async function until(what: string, check: () => boolean | Promise<boolean>, ms: number, output?: () => string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${output ? `; npm start printed:\n${output()}` : ''}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function up(run: Run): Promise<void> {
  await until('npm start to be up', () => run.output().includes('Press Ctrl+C to stop.') || run.child.exitCode !== null, 240_000, run.output);
  expect(run.output()).not.toMatch(/already in use/);
  expect(run.output()).toContain('PaaS is up.');
}

/** A process as the kernel knows it: a pid and its start time (a recycled pid has another). */
interface Proc {
  pid: number;
  startTime: string;
  pgrp: number;
}

function procOf(pid: number): Proc | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
    if (f[0] === 'Z') return undefined;
    return { pid, startTime: f[19], pgrp: Number(f[2]) };
  } catch {
    return undefined;
  }
}

const stillRuns = (p: Proc) => procOf(p.pid)?.startTime === p.startTime;

/** Every process of a run: npm start itself, each child it recorded, and their process groups. */
function processesOf(run: Run): Proc[] {
  const leaders = [
    run.child.pid!,
    ...readdirSync(runDir)
      .filter((f) => f.endsWith('.pid'))
      .map((f) => Number(readFileSync(join(runDir, f), 'utf8'))),
  ];
  const groups = new Set(leaders.map((pid) => procOf(pid)?.pgrp).filter((g): g is number => g !== undefined));
  const all: Proc[] = [];
  for (const entry of readdirSync('/proc')) {
    const p = Number(entry) ? procOf(Number(entry)) : undefined;
    if (p && (groups.has(p.pgrp) || leaders.includes(p.pid))) all.push(p);
  }
  return all;
}

async function gql<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const token = JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8')).adminToken as string;
  const res = await fetch(`${gatewayUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
  return body.data!;
}

function viaEdge(host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolveRes, reject) => {
    const req = request({ host: '127.0.0.1', port: Number(ports.PAAS_EDGE_PORT), path: '/', headers: { host } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => resolveRes({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Starts a deployment that holds in UPLOAD (its work done, not yet reported) until released. */
async function deployHeldInUpload(appId: string): Promise<{ id: string; release: () => void }> {
  const hold = join(faults, `${appId}.UPLOAD`);
  rmSync(`${hold}.reached`, { force: true });
  writeFileSync(hold, '');
  const { deploy } = await gql(`mutation($id: ID!) { deploy(appId: $id) { id } }`, { id: appId });
  await until('the deployment to reach UPLOAD', () => existsSync(`${hold}.reached`), 120_000);
  return { id: deploy.id, release: () => rmSync(hold, { force: true }) };
}

async function finishes(deploymentId: string): Promise<{ status: string; steps: { name: string; status: string }[] }> {
  let d: any;
  await until(
    `deployment ${deploymentId} to finish`,
    async () => {
      d = (await gql(`query($id: ID!) { deployment(id: $id) { status steps { name status } } }`, { id: deploymentId })).deployment;
      return (
        ['LIVE', 'FAILED', 'CANCELLED', 'SUPERSEDED'].includes(d.status) &&
        d.steps.every((s: { status: string }) => s.status !== 'RUNNING' && s.status !== 'PENDING')
      );
    },
    180_000,
  );
  return d;
}

async function liveLines(deploymentId: string): Promise<number> {
  const { deploymentLogs } = await gql(`query($id: ID!) { deploymentLogs(deploymentId: $id) { line } }`, { id: deploymentId });
  return (deploymentLogs as { line: string }[]).filter((l) => l.line === 'Deployment is LIVE.').length;
}

afterAll(async () => {
  // a failed assertion must not leave a platform running: stop it, then anything it recorded
  for (const r of runs) if (r.child.exitCode === null && r.child.signalCode === null) r.child.kill('SIGINT');
  await Promise.race([Promise.all(runs.map((r) => r.exited)), new Promise((r) => setTimeout(r, 30_000))]);
  if (existsSync(runDir)) {
    for (const f of readdirSync(runDir).filter((x) => x.endsWith('.identity.json'))) {
      const { pid, startTime } = JSON.parse(readFileSync(join(runDir, f), 'utf8'));
      if (procOf(pid)?.startTime === startTime) process.kill(-pid, 'SIGKILL');
    }
  }
  repo.remove();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('npm start after a hard kill', () => {
  it('after SIGKILL of its session, and after SIGTERM to every process at once, comes up again, leaves no orphan, and the deployment in flight goes LIVE once', async () => {
    mkdirSync(faults, { recursive: true });
    repo.commit({ 'index.html': '<h1>crash test</h1>\n' }, 'site');

    const first = start();
    await up(first);
    const { createApp: app } = await gql(`mutation($input: CreateAppInput!) { createApp(input: $input) { id } }`, {
      input: { name: 'crash-site', kind: 'STATIC', gitUrl: repo.url },
    });
    const d1 = await deployHeldInUpload(app.id);

    // 1. SIGKILL of npm start's whole session: its detached children survive it
    const firstProcs = processesOf(first);
    expect(firstProcs.length).toBeGreaterThanOrEqual(8); // npm start, temporal, registry, minio, edge, site server, postgres, worker, gateway
    process.kill(-first.child.pid!, 'SIGKILL');
    await first.exited;
    expect(firstProcs.filter(stillRuns).length).toBeGreaterThan(0); // the orphans this is about
    d1.release();

    const second = start();
    await up(second);
    expect(second.output()).toMatch(/stopping temporal \(pid \d+\), left running by a previous start/);
    expect(firstProcs.filter(stillRuns)).toEqual([]);
    expect((await finishes(d1.id)).status).toBe('LIVE');
    expect(await liveLines(d1.id)).toBe(1);
    expect(await viaEdge('crash-site.localhost')).toEqual({ status: 200, body: '<h1>crash test</h1>\n' });

    // 2. SIGTERM to every process of the session at once, detached children included
    const d2 = await deployHeldInUpload(app.id);
    const secondProcs = processesOf(second);
    for (const p of secondProcs) {
      try {
        process.kill(p.pid, 'SIGTERM');
      } catch {
        /* gone already */
      }
    }
    d2.release();
    await second.exited;

    const third = start();
    await up(third);
    expect(secondProcs.filter(stillRuns)).toEqual([]);
    expect((await finishes(d2.id)).status).toBe('LIVE');
    expect(await liveLines(d2.id)).toBe(1);
    const { app: after } = await gql(`query($id: ID) { app(id: $id) { deployments { id status } } }`, { id: app.id });
    expect(after.deployments).toEqual([
      { id: d2.id, status: 'LIVE' },
      { id: d1.id, status: 'SUPERSEDED' },
    ]);

    // a clean stop still stops everything
    const thirdProcs = processesOf(third);
    third.child.kill('SIGINT');
    expect(await third.exited).toBe(0);
    expect(thirdProcs.filter(stillRuns)).toEqual([]);
  }, 900_000);
});
