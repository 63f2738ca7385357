// `npm run bench:deploy`: time from the deploy mutation to LIVE for a small app with a warm
// build cache, N times, against a bare script that performs the same docker build, push, run,
// health check (same rule: 3 answers 2xx in a row) and route switch with no orchestration.
// Prints both medians and their ratio; writes bench/results/deploy.json.
import Docker from 'dockerode';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DockerAdapter, HaproxyEdge, probeHttp } from '@paas/activities';
import { ensureBusyboxImage, git, gqlClient, median, percentile, startBenchStack, writeResults } from './lib.mjs';

const N = Number(process.env.BENCH_N || 7);
const HEALTH_INTERVAL_MS = 100;
const docker = new Docker({ socketPath: '/var/run/docker.sock' });
const { stack, stop } = await startBenchStack('deploy', {
  PAAS_HEALTH_INTERVAL_MS: String(HEALTH_INTERVAL_MS),
  PAAS_RETIRE_GRACE_MS: '100',
  PAAS_STOP_TIMEOUT_SEC: '1',
});
const repoDir = mkdtempSync(join(tmpdir(), 'paas-bench-repo-'));
try {
  const base = await ensureBusyboxImage(docker);
  mkdirSync(join(repoDir, 'www/cgi-bin'), { recursive: true });
  writeFileSync(join(repoDir, 'Dockerfile'), `FROM ${base}\nCOPY www /www\nCMD ["/bin/sh", "-c", "exec httpd -f -p \\"$PORT\\" -h /www"]\n`);
  writeFileSync(join(repoDir, 'www/index.html'), 'bench\n');
  git(repoDir, 'init', '-q', '-b', 'main');
  git(repoDir, '-c', 'user.email=b@b', '-c', 'user.name=b', 'add', '-A');
  git(repoDir, '-c', 'user.email=b@b', '-c', 'user.name=b', 'commit', '-qm', 'bench');

  // --- through the platform
  const gql = gqlClient(stack.gatewayUrl, stack.adminToken);
  const { createApp } = await gql(`mutation($i: CreateAppInput!) { createApp(input: $i) { id } }`, {
    i: { name: 'bench', gitUrl: `file://${repoDir}`, port: 8080 },
  });
  const waitFor = async (id, done) => {
    for (;;) {
      const { deployment } = await gql(`query($id: ID!) { deployment(id: $id) { status error steps { name status } } }`, { id });
      if (done(deployment)) return deployment;
      if (deployment.status === 'FAILED') throw new Error(deployment.error);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const platform = [];
  for (let i = 0; i <= N; i++) {
    const t0 = performance.now();
    const { deploy } = await gql(`mutation($id: ID!) { deploy(appId: $id) { id } }`, { id: createApp.id });
    await waitFor(deploy.id, (d) => d.status === 'LIVE');
    const ms = performance.now() - t0;
    if (i > 0) platform.push(ms); // the first run warms the build cache
    console.log(`platform deploy ${i === 0 ? '(warm-up)' : i}: ${ms.toFixed(0)} ms`);
    if (process.env.BENCH_VERBOSE) {
      const { deployment: d } = await gql(`query($id: ID!) { deployment(id: $id) { createdAt finishedAt steps { name startedAt finishedAt } } }`, {
        id: deploy.id,
      });
      const t = (x) => (x ? Date.parse(x) - Date.parse(d.createdAt) : NaN);
      console.log(d.steps.map((s) => `  ${s.name} ${t(s.startedAt)}→${t(s.finishedAt)}`).join('\n'), `\n  LIVE at ${t(d.finishedAt)}`);
    }
    await waitFor(deploy.id, (d) => d.steps.every((s) => !['PENDING', 'RUNNING'].includes(s.status))); // retire, untimed
  }

  // --- the bare path: same operations, no workflow, no projection
  const adapter = new DockerAdapter(docker);
  const edge = new HaproxyEdge(stack.env.EDGE_ADMIN_SOCKET, stack.env.EDGE_ROUTES_MAP);
  const registry = stack.env.REGISTRY_ADDRESS;
  await adapter.ensureNetwork('paas-bench-bare', {});
  const bare = [];
  let previous;
  for (let i = 0; i <= N; i++) {
    const t0 = performance.now();
    const tag = `${registry}/bare/bench:${i}`;
    const marks = [];
    const mark = (name) => marks.push(`${name} ${(performance.now() - t0).toFixed(0)}`);
    await adapter.build({ contextDir: repoDir, dockerfile: 'Dockerfile', tag, labels: {}, onOutput: () => undefined });
    mark('built');
    const digest = await adapter.push(tag, () => undefined);
    mark('pushed');
    const name = `paas-bench-bare-${i}`;
    const { upstream } = await adapter.runRelease({
      name,
      image: `${registry}/bare/bench@${digest}`,
      network: 'paas-bench-bare',
      port: 8080,
      env: ['PORT=8080'],
      labels: {},
      limits: { memoryBytes: 512 * 1024 * 1024, nanoCpus: 1e9, pids: 512 },
    });
    mark('running');
    for (let streak = 0; streak < 3;) {
      streak = (await probeHttp(`http://${upstream}/`)).ok ? streak + 1 : 0;
      if (streak < 3) await new Promise((r) => setTimeout(r, HEALTH_INTERVAL_MS));
    }
    mark('verified');
    await edge.setRoute('bench-bare.localhost', upstream);
    const ms = performance.now() - t0;
    if (process.env.BENCH_VERBOSE) console.log(`  ${marks.join(', ')}`);
    if (i > 0) bare.push(ms);
    console.log(`bare deploy ${i === 0 ? '(warm-up)' : i}: ${ms.toFixed(0)} ms`);
    if (previous) await adapter.removeContainer(previous, 1);
    previous = name;
  }
  if (previous) await adapter.removeContainer(previous, 1);
  await adapter.removeNetwork('paas-bench-bare');
  await gql(`mutation($id: ID!) { deleteApp(id: $id) }`, { id: createApp.id });

  const p = median(platform);
  const b = median(bare);
  console.log(`\nmedian over ${N} deploys with a warm build cache:`);
  console.log(`  platform (mutation → LIVE)   ${p.toFixed(0)} ms   (p95 ${percentile(platform, 95).toFixed(0)} ms)`);
  console.log(`  bare script                  ${b.toFixed(0)} ms   (p95 ${percentile(bare, 95).toFixed(0)} ms)`);
  console.log(`  ratio platform/bare          ${(p / b).toFixed(2)}   (orchestration overhead ${(p - b).toFixed(0)} ms, ${(((p - b) / b) * 100).toFixed(0)}%)`);
  writeResults('deploy', { n: N, platformMedianMs: p, bareMedianMs: b, ratio: p / b, overheadMs: p - b, platformMs: platform, bareMs: bare });
} finally {
  await stop();
  rmSync(repoDir, { recursive: true, force: true });
}
