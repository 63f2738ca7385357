// `npm run bench:kubernetes`: the same app on both runtimes, in the same run — the time from the
// deploy mutation to the edge serving a one-file change, on Docker and on the embedded Kubernetes
// cluster (replicas 1), N times each, alternating; then the embedded cluster's idle memory (PSS of
// its processes, no app pods). Prints medians and their ratio; writes bench/results/kubernetes.json.
import Docker from 'dockerode';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBusyboxImage, git, gqlClient, median, percentile, startBenchStack, writeResults } from './lib.mjs';

const N = Number(process.env.BENCH_N || 5);
const docker = new Docker({ socketPath: '/var/run/docker.sock' });
const { stack, stop } = await startBenchStack('kubernetes', {
  PAAS_KUBERNETES: 'embedded',
  PAAS_KUBERNETES_API_PORT: '26443',
  PAAS_KUBERNETES_POD_SUBNET: '10.244.250.0/24',
  PAAS_HEALTH_INTERVAL_MS: '100',
  PAAS_RETIRE_GRACE_MS: '100',
  PAAS_STOP_TIMEOUT_SEC: '1',
});
const dataDir = process.env.PAAS_DATA_DIR;
const repoDir = mkdtempSync(join(tmpdir(), 'paas-bench-repo-'));

/** The body the edge answers for a host (the edge routes by Host header). */
function viaEdge(host) {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port: stack.config.edgePort, path: '/', headers: { host }, timeout: 2000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve(res.statusCode === 200 ? body : null));
    });
    req.on('error', () => resolve(null));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

function clusterPssMb() {
  const runDir = join(dataDir, 'run');
  let kb = 0;
  const each = {};
  for (const f of readdirSync(runDir).filter((f) => f.startsWith('k8s-') && f.endsWith('.pid'))) {
    const rollup = `/proc/${readFileSync(join(runDir, f), 'utf8').trim()}/smaps_rollup`;
    if (!existsSync(rollup)) continue;
    const pss = Number(/^Pss:\s+(\d+) kB/m.exec(readFileSync(rollup, 'utf8'))?.[1] ?? 0);
    kb += pss;
    each[f.slice(4, -4)] = Math.round(pss / 1024);
  }
  return { totalMb: Math.round(kb / 1024), each };
}

try {
  const base = await ensureBusyboxImage(docker);
  mkdirSync(join(repoDir, 'www'), { recursive: true });
  writeFileSync(join(repoDir, 'Dockerfile'), `FROM ${base}\nCOPY www /www\nCMD ["/bin/sh", "-c", "exec httpd -f -p \\"$PORT\\" -h /www"]\n`);
  const commit = (body) => {
    writeFileSync(join(repoDir, 'www/index.html'), body);
    git(repoDir, '-c', 'user.email=b@b', '-c', 'user.name=b', 'add', '-A');
    git(repoDir, '-c', 'user.email=b@b', '-c', 'user.name=b', 'commit', '-qm', body.trim());
  };
  git(repoDir, 'init', '-q', '-b', 'main');
  commit('v0\n');

  const gql = gqlClient(stack.gatewayUrl, stack.adminToken);
  const apps = {};
  for (const runtime of ['DOCKER', 'KUBERNETES']) {
    const name = `bench-${runtime.toLowerCase()}`;
    const { createApp } = await gql(`mutation($i: CreateAppInput!) { createApp(input: $i) { id } }`, {
      i: { name, gitUrl: `file://${repoDir}`, port: 8080, runtime },
    });
    apps[runtime] = { id: createApp.id, host: `${name}.${stack.config.baseDomain}`, ms: [] };
  }
  const deployUntilServed = async (app, body) => {
    const t0 = performance.now();
    const { deploy } = await gql(`mutation($id: ID!) { deploy(appId: $id) { id } }`, { id: app.id });
    for (;;) {
      if ((await viaEdge(app.host)) === body) return { ms: performance.now() - t0, id: deploy.id };
      const { deployment } = await gql(`query($id: ID!) { deployment(id: $id) { status error } }`, { id: deploy.id });
      if (deployment.status === 'FAILED') throw new Error(deployment.error);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const settled = async (id) => {
    for (;;) {
      const { deployment } = await gql(`query($id: ID!) { deployment(id: $id) { status steps { status } } }`, { id });
      if (['FAILED', 'CANCELLED'].includes(deployment.status) || deployment.steps.every((s) => !['PENDING', 'RUNNING'].includes(s.status))) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  for (let i = 0; i <= N; i++) {
    const body = `v${i}\n`;
    if (i > 0) commit(body);
    for (const runtime of ['DOCKER', 'KUBERNETES']) {
      const { ms, id } = await deployUntilServed(apps[runtime], body);
      if (i > 0) apps[runtime].ms.push(ms); // the first run warms the build cache and creates the objects
      console.log(`${runtime.toLowerCase()} ${i === 0 ? '(warm-up)' : i}: ${ms.toFixed(0)} ms`);
      await settled(id); // the old release retired, untimed
    }
  }
  for (const app of Object.values(apps)) await gql(`mutation($id: ID!) { deleteApp(id: $id) }`, { id: app.id });
  await new Promise((r) => setTimeout(r, 5000)); // the app's pods gone: the cluster idles
  const memory = clusterPssMb();

  const d = median(apps.DOCKER.ms);
  const k = median(apps.KUBERNETES.ms);
  console.log(`\nmedian over ${N} one-file changes, mutation → the edge serves the change (warm build cache):`);
  console.log(`  Docker       ${d.toFixed(0)} ms   (p95 ${percentile(apps.DOCKER.ms, 95).toFixed(0)} ms)`);
  console.log(`  Kubernetes   ${k.toFixed(0)} ms   (p95 ${percentile(apps.KUBERNETES.ms, 95).toFixed(0)} ms)`);
  console.log(`  ratio Kubernetes/Docker  ${(k / d).toFixed(2)}`);
  console.log(`embedded cluster idle memory (PSS): ${memory.totalMb} MB ${JSON.stringify(memory.each)}`);
  writeResults('kubernetes', {
    n: N,
    dockerMedianMs: d,
    kubernetesMedianMs: k,
    ratio: k / d,
    dockerMs: apps.DOCKER.ms,
    kubernetesMs: apps.KUBERNETES.ms,
    clusterIdlePssMb: memory.totalMb,
    clusterIdlePssByProcessMb: memory.each,
  });
} finally {
  await stop();
  rmSync(repoDir, { recursive: true, force: true });
}
