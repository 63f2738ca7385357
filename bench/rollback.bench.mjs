// `npm run bench:rollback`: time from the rollback mutation until every request through the
// edge is answered by the restored release, with the old container still warm (inside the retire
// grace period) and with it gone (removed first), median and p95 over N runs; plus the failed
// requests under constant load across deploy/rollback cycles. Writes bench/results/rollback.json.
import autocannon from 'autocannon';
import Docker from 'dockerode';
import { request } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BENCH_PORTS, ensureBusyboxImage, git, gqlClient, median, percentile, startBenchStack, writeResults } from './lib.mjs';

const N = Number(process.env.BENCH_N || 5);
const docker = new Docker({ socketPath: '/var/run/docker.sock' });
// a long retire grace keeps the previous release warm for the warm rollbacks
const { stack, stop } = await startBenchStack('rollback', { PAAS_HEALTH_INTERVAL_MS: '100', PAAS_RETIRE_GRACE_MS: '60000', PAAS_STOP_TIMEOUT_SEC: '1' });
const repoDir = mkdtempSync(join(tmpdir(), 'paas-bench-repo-'));
const edgePort = Number(BENCH_PORTS.PAAS_EDGE_PORT);
const get = () =>
  new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port: edgePort, path: '/', headers: { host: 'rollback.localhost' }, agent: false, timeout: 5000 }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve(`${res.statusCode} ${body.trim()}`));
    });
    req.on('error', (e) => resolve(`error ${e.code}`));
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
    req.end();
  });

try {
  const base = await ensureBusyboxImage(docker);
  mkdirSync(join(repoDir, 'www'), { recursive: true });
  writeFileSync(join(repoDir, 'Dockerfile'), `FROM ${base}\nCOPY www /www\nCMD ["/bin/sh", "-c", "exec httpd -f -p \\"$PORT\\" -h /www"]\n`);
  const commit = (body) => {
    writeFileSync(join(repoDir, 'www/index.html'), `${body}\n`);
    git(repoDir, 'add', '-A');
    git(repoDir, '-c', 'user.email=b@b', '-c', 'user.name=b', 'commit', '-qm', body);
  };
  git(repoDir, 'init', '-q', '-b', 'main');
  const gql = gqlClient(stack.gatewayUrl, stack.adminToken);
  const { createApp } = await gql(`mutation($i: CreateAppInput!) { createApp(input: $i) { id } }`, {
    i: { name: 'rollback', gitUrl: `file://${repoDir}`, port: 8080 },
  });
  const status = async (id) => (await gql(`query($id: ID!) { deployment(id: $id) { status error } }`, { id })).deployment;
  const waitLive = async (id) => {
    for (;;) {
      const d = await status(id);
      if (d.status === 'LIVE') return;
      if (['FAILED', 'CANCELLED'].includes(d.status)) throw new Error(d.error);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  let version = 0;
  const deployNew = async () => {
    commit(`v${++version}`);
    const { deploy } = await gql(`mutation($id: ID!) { deploy(appId: $id) { id } }`, { id: createApp.id });
    await waitLive(deploy.id);
    return deploy.id;
  };
  /** From the mutation until the restored release (the one live before the current) answers, then 50 more requests all from it. */
  const timedRollback = async (expected) => {
    const t0 = performance.now();
    const { rollback } = await gql(`mutation($id: ID!) { rollback(appId: $id) { id } }`, { id: createApp.id });
    while ((await get()) !== `200 ${expected}`) await new Promise((r) => setTimeout(r, 2));
    const ms = performance.now() - t0;
    for (let i = 0; i < 50; i++)
      if ((await get()) !== `200 ${expected}`) throw new Error('a request after the switch was not answered by the restored release');
    await waitLive(rollback.id);
    return ms;
  };

  await deployNew();
  console.log('first release live');
  const warm = [];
  const cold = [];
  for (let i = 0; i < N; i++) {
    const before = (await get()).replace(/^200 /, ''); // what was live before this deploy
    await deployNew(); // the previous release stays warm for the 60 s grace period
    warm.push(await timedRollback(before));
    console.log(`warm rollback ${i + 1}: ${warm.at(-1).toFixed(0)} ms`);
  }
  for (let i = 0; i < N; i++) {
    const before = (await get()).replace(/^200 /, ''); // what was live before this deploy
    await deployNew();
    // remove every container but the live one: the restored release must start from its image
    const old = await docker.listContainers({ all: true, filters: { label: [`dev.paas.app=${createApp.id}`] } });
    const live = (await gql(`query($id: ID!) { app(id: $id) { liveDeployment { id } } }`, { id: createApp.id })).app.liveDeployment.id;
    for (const c of old) if (c.Labels['dev.paas.deployment'] !== live) await docker.getContainer(c.Id).remove({ force: true });
    cold.push(await timedRollback(before));
    console.log(`cold rollback ${i + 1}: ${cold.at(-1).toFixed(0)} ms`);
  }

  // constant load through the edge across deploy/rollback cycles
  const load = autocannon({ url: `http://127.0.0.1:${edgePort}/`, headers: { host: 'rollback.localhost' }, connections: 8, duration: 600, timeout: 5 });
  const done = new Promise((r) => load.on('done', r));
  for (let i = 0; i < N; i++) {
    const before = (await get()).replace(/^200 /, ''); // what was live before this deploy
    await deployNew();
    await timedRollback(before);
  }
  load.stop();
  const result = await done;
  const failed = result.non2xx + result.errors + result.timeouts;

  const summary = {
    n: N,
    warmMedianMs: median(warm),
    warmP95Ms: percentile(warm, 95),
    coldMedianMs: median(cold),
    coldP95Ms: percentile(cold, 95),
    underLoad: { requests: result.requests.total, failed, non2xx: result.non2xx, errors: result.errors, timeouts: result.timeouts, cycles: N },
    warmMs: warm,
    coldMs: cold,
  };
  console.log(`\nrollback, mutation → every request answered by the restored release (N=${N}):`);
  console.log(`  old container warm   median ${summary.warmMedianMs.toFixed(0)} ms   p95 ${summary.warmP95Ms.toFixed(0)} ms`);
  console.log(`  old container gone   median ${summary.coldMedianMs.toFixed(0)} ms   p95 ${summary.coldP95Ms.toFixed(0)} ms`);
  console.log(`  under load: ${result.requests.total} requests over ${N} deploy+rollback cycles, ${failed} failed`);
  writeResults('rollback', summary);
  await gql(`mutation($id: ID!) { deleteApp(id: $id) }`, { id: createApp.id }).catch((err) => console.error(`deleteApp after the benchmark: ${err.message}`));
} finally {
  await stop();
  rmSync(repoDir, { recursive: true, force: true });
}
