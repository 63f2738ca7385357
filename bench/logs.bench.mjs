// `npm run bench:logs`: how fast one runtime log collector captures and stores what a chatty
// container prints, against a baseline in the same run: reading the same container's whole log
// once through dockerode and parsing it (no database). A container prints N lines as fast as it
// can; the collector (the worker's class, in this process, the stack's own worker having it
// switched off) follows it from the start and stores into the stack's PostgreSQL. Reports lines/s
// of both, their ratio, and the RSS of this process before and at its peak while collecting. Writes bench/results/logs.json.
import Docker from 'dockerode';
import { randomUUID } from 'node:crypto';
import { createDataSource, Database } from '@paas/db';
import { DockerAdapter } from '@paas/activities';
import { ensureBusyboxImage, gqlClient, startBenchStack, writeResults } from './lib.mjs';

const N = Number(process.env.BENCH_LINES || 200_000);
const docker = new Docker({ socketPath: '/var/run/docker.sock' });
const { stack, stop } = await startBenchStack('logs', { PAAS_RUNTIME_LOGS: 'off' });
const { RuntimeCollector } = await import('../services/worker/dist/background/runtime/runtime-collector.js');
const { DockerRuntimeSource } = await import('../services/worker/dist/background/runtime/runtime-source.js');
const { LogFrameParser } = await import('../services/worker/dist/background/runtime/log-frames.js');

const source = await createDataSource(stack.env.DATABASE_URL).initialize();
const db = new Database(source);
let container;
try {
  const base = await ensureBusyboxImage(docker);
  const gql = gqlClient(stack.gatewayUrl, stack.adminToken);
  const { createApp } = await gql(`mutation($i: CreateAppInput!) { createApp(input: $i) { id } }`, {
    i: { name: 'chatty', gitUrl: 'file:///tmp/paas-bench-chatty-repo', port: 8080 },
  });
  const collector = new RuntimeCollector(new DockerRuntimeSource(new DockerAdapter(docker)), db, { databaseUrl: stack.env.DATABASE_URL, log: console.warn });
  await collector.start();
  // starts printing 2 s after it starts (so the collector attaches first), then stays up
  container = await docker.createContainer({
    Image: base,
    name: `paas-bench-chatty-${Date.now()}`,
    Cmd: ['/bin/sh', '-c', `sleep 2; seq 1 ${N} | sed 's/^/chatty line number /'; sleep 3600`],
    Labels: { 'dev.paas.managed': 'true', 'dev.paas.app': createApp.id, 'dev.paas.deployment': randomUUID() },
  });
  const rssBefore = process.memoryUsage().rss;
  let peakRss = rssBefore;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
  await container.start();
  const started = Date.now();
  await collector.scan();
  let firstAt;
  while (collector.stored < N) {
    if (collector.stored > 0 && firstAt === undefined) firstAt = Date.now();
    if (Date.now() - started > 600_000) throw new Error(`only ${collector.stored} of ${N} lines stored in 10 minutes`);
    await new Promise((r) => setTimeout(r, 20));
  }
  const doneAt = Date.now();
  clearInterval(sampler);
  await collector.stop();
  const collectSeconds = (doneAt - (firstAt ?? started + 2000)) / 1000;
  const [{ n }] = await source.query(`SELECT count(*)::int AS n FROM runtime_log_lines WHERE app_id = $1`, [createApp.id]);

  // baseline: the same lines read back in one go through dockerode and parsed
  const t0 = process.hrtime.bigint();
  const buf = await docker.getContainer(container.id).logs({ follow: false, stdout: true, stderr: true, timestamps: true });
  const parsed = new LogFrameParser().push(buf).length;
  const baselineSeconds = Number(process.hrtime.bigint() - t0) / 1e9;

  const results = {
    lines: N,
    storedRows: n,
    collector: {
      seconds: +collectSeconds.toFixed(2),
      linesPerSecond: Math.round(N / collectSeconds),
      peakRssMb: Math.round(peakRss / 1048576),
      rssBeforeMb: Math.round(rssBefore / 1048576),
    },
    baselineDockerRead: { seconds: +baselineSeconds.toFixed(2), linesPerSecond: Math.round(parsed / baselineSeconds) },
  };
  results.ratioCollectorToBaseline = +(results.collector.linesPerSecond / results.baselineDockerRead.linesPerSecond).toFixed(3);
  console.log(JSON.stringify(results, null, 2));
  if (n !== N) throw new Error(`stored ${n} rows for ${N} lines`);
  writeResults('logs', results);
} finally {
  await container?.remove({ force: true }).catch(() => undefined);
  await source.destroy();
  await stop();
}
