// Shared by the benchmarks: a private stack on its own ports and data dir, a GraphQL client,
// the busybox base image, statistics, and the results file.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const BENCH_PORTS = {
  PAAS_PORT: '24000',
  PAAS_EDGE_PORT: '28080',
  PAAS_SITE_PORT: '28081',
  PAAS_PG_PORT: '25432',
  PAAS_TEMPORAL_PORT: '27233',
  PAAS_REGISTRY_PORT: '25000',
  PAAS_S3_PORT: '29000',
};

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

export function writeResults(name, results) {
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  const file = join(root, 'bench/results', `${name}.json`);
  writeFileSync(file, `${JSON.stringify({ benchmark: name, date: new Date().toISOString(), machine: machine(), ...results }, null, 2)}\n`);
  console.log(`\nresults written to ${file}`);
}

function machine() {
  const cpus = spawnSync('nproc', [], { encoding: 'utf8' }).stdout.trim();
  return { cpus: Number(cpus), node: process.version };
}

/** A 1 MB base image from Debian's busybox-static (no image can be pulled here). */
export async function ensureBusyboxImage(docker, tag = 'paas-test/busybox:1') {
  try {
    await docker.getImage(tag).inspect();
    return tag;
  } catch {}
  const { pack } = await import('tar-fs');
  const dir = mkdtempSync(join(tmpdir(), 'paas-rootfs-'));
  for (const d of ['bin', 'tmp', 'etc', 'www', 'proc', 'sys', 'dev']) mkdirSync(join(dir, d));
  copyFileSync('/bin/busybox', join(dir, 'bin/busybox'));
  for (const a of spawnSync('/bin/busybox', ['--list'], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean))
    if (a !== 'busybox') symlinkSync('busybox', join(dir, 'bin', a));
  writeFileSync(join(dir, 'etc/passwd'), 'root:x:0:0:root:/:/bin/sh\n');
  const [repo, t] = tag.split(':');
  const stream = await docker.importImage(pack(dir), { repo, tag: t, changes: ['ENV PATH=/bin'] });
  await new Promise((res, rej) => docker.modem.followProgress(stream, (err) => (err ? rej(err) : res())));
  rmSync(dir, { recursive: true, force: true });
  return tag;
}

export function gqlClient(url, token) {
  return async (query, variables = {}) => {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = await res.json();
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
}

export function git(dir, ...args) {
  const r = spawnSync('git', args, { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout.trim();
}

/** Stops the benchmark's stack when the run is interrupted (its services run in their own process groups). */
export function stopOnSignal(stack) {
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, async () => {
      await stack.stop();
      process.exit(130);
    });
  }
}

/** A private stack for a benchmark: fresh data dir, the benchmark ports, its own settings. */
export async function startBenchStack(name, settings = {}) {
  const { readStackConfig, startStack } = await import('@paas/supervisor');
  const dataDir = mkdtempSync(join(tmpdir(), `paas-bench-${name}-`));
  const env = { ...process.env, ...BENCH_PORTS, PAAS_DATA_DIR: dataDir, PAAS_ADMIN_TOKEN: 'bench-token', ...settings };
  for (const k of ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'S3_ENDPOINT', 'REGISTRY_ADDRESS']) delete env[k];
  Object.assign(process.env, env); // the in-process adapters read the same settings
  const stack = await startStack(readStackConfig(root, env), { log: (l) => console.log(`[stack] ${l}`) });
  stopOnSignal(stack);
  return {
    stack,
    stop: async () => {
      await stack.stop();
      if (!process.env.BENCH_KEEP) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
