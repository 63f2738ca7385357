// `npm run bench:metrics`: what metrics collection costs per running app, in CPU % of one core.
// N idle release-like containers run; for the same length of time the Docker side of the worker's
// sampler (list the running releases, one stats reading each, in parallel; what grows with the
// number of apps) runs every PAAS_METRICS_INTERVAL_SEC, and then does not. The CPU time of this
// process and of the engine (dockerd, containerd and the container shims, from /proc) is compared
// between the two periods. Periods alternate so that other load on the machine falls on both.
// The sampler's one INSERT per tick (all instances in one statement) is not part of this figure.
import { readFileSync, readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { DockerAdapter, dockerFromEnv } from '@paas/activities';
import { LABELS } from '@paas/contracts';
import { ensureBusyboxImage, median, writeResults } from './lib.mjs';

const APPS = Number(process.env.BENCH_APPS || 10);
const PERIOD_SEC = Number(process.env.BENCH_PERIOD_SEC || 30);
const ROUNDS = Number(process.env.BENCH_ROUNDS || 2);
const INTERVAL_SEC = Number(process.env.PAAS_METRICS_INTERVAL_SEC || 10);
const CLK_TCK = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim() || 100);

const client = dockerFromEnv();
const adapter = new DockerAdapter(client);
const runId = randomUUID().slice(0, 8);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** CPU seconds (user + system) of the engine's processes, read from /proc. */
function engineCpuSeconds() {
  let ticks = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    let comm;
    try {
      comm = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
    } catch {
      continue;
    }
    if (comm !== 'dockerd' && comm !== 'containerd' && !comm.startsWith('containerd-shim')) continue;
    try {
      // fields after the command's closing parenthesis: utime is the 14th field, stime the 15th
      const rest = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks += Number(rest[11]) + Number(rest[12]);
    } catch {
      /* exited meanwhile */
    }
  }
  return ticks / CLK_TCK;
}

const ownCpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

async function samplerPass() {
  const releases = (await adapter.runningReleases()).filter((r) => r.name.startsWith(`paas-bench-metrics-${runId}`));
  const readings = await Promise.all(releases.map((r) => adapter.containerReading(r.id).catch(() => null)));
  return readings.filter(Boolean).length;
}

async function measure(sampling) {
  const t0 = Date.now();
  const own0 = ownCpuSeconds();
  const engine0 = engineCpuSeconds();
  let passes = 0;
  let read = 0;
  while (Date.now() - t0 < PERIOD_SEC * 1000) {
    const tick = Date.now();
    if (sampling) {
      read += await samplerPass();
      passes++;
    }
    await sleep(Math.max(0, INTERVAL_SEC * 1000 - (Date.now() - tick)));
  }
  const wall = (Date.now() - t0) / 1000;
  return { wall, own: ownCpuSeconds() - own0, engine: engineCpuSeconds() - engine0, passes, read };
}

await ensureBusyboxImage(client);
const containers = [];
try {
  for (let i = 0; i < APPS; i++) {
    const c = await client.createContainer({
      name: `paas-bench-metrics-${runId}-${i}`,
      Image: 'paas-test/busybox:1',
      Cmd: ['sleep', '3600'],
      Labels: { [LABELS.managed]: 'true', [LABELS.app]: randomUUID(), [LABELS.deployment]: randomUUID() },
      HostConfig: { Init: true },
    });
    await c.start();
    containers.push(c);
  }
  console.log(`${APPS} idle containers; sampling every ${INTERVAL_SEC} s; ${ROUNDS} rounds of ${PERIOD_SEC} s without and ${PERIOD_SEC} s with the sampler`);
  const without = [];
  const withSampler = [];
  for (let r = 0; r < ROUNDS; r++) {
    without.push(await measure(false));
    withSampler.push(await measure(true));
    const pct = (m) => (((m.own + m.engine) / m.wall) * 100).toFixed(2);
    console.log(`round ${r + 1}: without ${pct(without.at(-1))} % of a core, with ${pct(withSampler.at(-1))} % (${withSampler.at(-1).read} readings)`);
  }
  const share = (ms, key) => median(ms.map((m) => (m[key] / m.wall) * 100));
  // paired rounds (each "with" period right after its "without"): the median of the differences
  // resists load that other processes put on the engine during one period
  const diff = (key) => median(withSampler.map((m, i) => (m[key] / m.wall - without[i][key] / without[i].wall) * 100));
  const own = diff('own');
  const engine = diff('engine');
  const total = own + engine;
  const perApp = total / APPS;
  const readingsPerSec = median(withSampler.map((m) => m.read / m.wall));
  console.log(`\nCPU % of one core, median over ${ROUNDS} paired rounds:`);
  console.log(`  sampler process     ${share(without, 'own').toFixed(3)} → ${share(withSampler, 'own').toFixed(3)} (difference ${own.toFixed(3)})`);
  console.log(`  Docker engine       ${share(without, 'engine').toFixed(3)} → ${share(withSampler, 'engine').toFixed(3)} (difference ${engine.toFixed(3)})`);
  console.log(
    `  cost of sampling    ${total.toFixed(3)} % for ${APPS} apps = ${perApp.toFixed(4)} % of a core per app (every ${INTERVAL_SEC} s, ${readingsPerSec.toFixed(2)} readings/s)`,
  );
  console.log(`  sampler process alone per app: ${(own / APPS).toFixed(4)} %`);
  console.log(
    `  ratio with/without  ${((share(withSampler, 'own') + share(withSampler, 'engine')) / (share(without, 'own') + share(without, 'engine'))).toFixed(2)}`,
  );
  writeResults('metrics', {
    apps: APPS,
    intervalSec: INTERVAL_SEC,
    periodSec: PERIOD_SEC,
    rounds: ROUNDS,
    ownPercent: own,
    enginePercent: engine,
    totalPercent: total,
    perAppPercent: perApp,
    without,
    withSampler,
  });
} finally {
  await Promise.all(containers.map((c) => c.remove({ force: true }).catch(() => undefined)));
}
