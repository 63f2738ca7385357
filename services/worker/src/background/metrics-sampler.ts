// Samples CPU, memory and network of every running release instance every
// PAAS_METRICS_INTERVAL_SEC (Docker's stats API; the Kubernetes metrics API for pods) into
// PostgreSQL, and once a minute rolls the samples up and deletes what is past its retention
// (packages/db/src/metrics.ts). Outside Temporal: a reading a minute old is worth nothing, so a
// missed tick is simply missed, and it needs no history.
//
// Several workers: only the one holding a PostgreSQL session advisory lock samples; when it dies
// its connection closes, the lock goes, and another worker takes over at its next tick. Samples are
// keyed by instance and slot, so even two samplers at once would store each slot once.
import { downsampleMetrics, insertMetricSamples, metricsRetentionFromEnv, type MetricSample } from '@paas/db';
import type { DockerAdapter, KubernetesAdapter } from '@paas/activities';
import type { DataSource, QueryRunner } from 'typeorm';

const LOCK_KEY = 'paas.metrics-sampler';

export interface MetricsSamplerSources {
  docker: Pick<DockerAdapter, 'runningReleases' | 'containerReading'>;
  kube: Pick<KubernetesAdapter, 'podReadings'> | null;
}

export function metricsIntervalFromEnv(env: NodeJS.ProcessEnv): number {
  const raw = env.PAAS_METRICS_INTERVAL_SEC || '10';
  const n = Number(raw);
  if (!/^[0-9]+$/.test(raw) || n < 1 || n > 3600)
    throw new Error(`PAAS_METRICS_INTERVAL_SEC must be a whole number of seconds from 1 to 3600 (got "${env.PAAS_METRICS_INTERVAL_SEC}").`);
  return n;
}

export class MetricsSampler {
  private runner?: QueryRunner;
  private leader = false;
  private running = false;
  /** The minute (ms since the epoch, floored) of the last downsampling pass. */
  private downsampledMinute = -1;
  private timer?: NodeJS.Timeout;
  /** Why the metrics API last failed (its first line), while it does. */
  private kubeUnavailable?: string;
  private readonly retention;
  readonly intervalSec: number;

  constructor(
    private readonly db: DataSource,
    private readonly sources: MetricsSamplerSources,
    env: NodeJS.ProcessEnv,
    private readonly log: (line: string) => void,
  ) {
    this.intervalSec = metricsIntervalFromEnv(env);
    this.retention = metricsRetentionFromEnv(env);
  }

  start(): void {
    this.timer = setInterval(() => void this.tick(), this.intervalSec * 1000);
    this.timer.unref();
    void this.tick();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.dropLock();
  }

  /** One sampling pass (if this worker leads); overlapping ticks are skipped, not queued. */
  async tick(now = new Date()): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    try {
      if (!(await this.lead())) return 0;
      const slotMs = this.intervalSec * 1000;
      const at = new Date(Math.floor(now.getTime() / slotMs) * slotMs);
      const samples = [...(await this.dockerSamples(at)), ...(await this.kubeSamples(at))];
      const stored = await insertMetricSamples(this.db, samples);
      // on the first tick of each minute: a completed minute is in the rollups one interval after
      // it ends (what 6 h and 24 h charts read), not up to a minute later
      const minute = Math.floor(now.getTime() / 60_000) * 60_000;
      if (minute !== this.downsampledMinute) {
        this.downsampledMinute = minute;
        await downsampleMetrics(this.db, this.retention, now);
      }
      return stored;
    } catch (err) {
      // the next tick tries again; a failure here must not take the worker down
      this.log(`metrics sampler: pass failed (${(err as Error).message})`);
      return 0;
    } finally {
      this.running = false;
    }
  }

  private async dockerSamples(at: Date): Promise<MetricSample[]> {
    const releases = await this.sources.docker.runningReleases();
    // in parallel: each stats call waits about a second in the engine for its second reading
    const readings = await Promise.all(releases.map((r) => this.sources.docker.containerReading(r.id).catch(() => null)));
    return releases.flatMap((r, i) => {
      const reading = readings[i];
      return reading ? [{ appId: r.appId, instance: r.name, at, ...reading }] : [];
    });
  }

  private async kubeSamples(at: Date): Promise<MetricSample[]> {
    if (!this.sources.kube) return [];
    try {
      const pods = await this.sources.kube.podReadings();
      if (this.kubeUnavailable !== undefined) this.log('metrics sampler: Kubernetes metrics API available again');
      this.kubeUnavailable = undefined;
      return pods.map((p) => ({ appId: p.appId, instance: p.name, at, cpuPercent: p.cpuPercent, memoryMb: p.memoryMb, rxTotal: 0, txTotal: 0 }));
    } catch (err) {
      // e.g. metrics-server not (yet) serving: Docker's samples are still stored. Said once, not
      // every tick: a cluster without metrics-server would otherwise fill the log
      const reason = String((err as Error).message)
        .split('\n')[0]
        .slice(0, 300);
      if (reason !== this.kubeUnavailable) this.log(`metrics sampler: Kubernetes metrics API unavailable (${reason}); pods have no samples until it answers`);
      this.kubeUnavailable = reason;
      return [];
    }
  }

  /** True while this worker holds the sampler lock, on a connection of its own. */
  private async lead(): Promise<boolean> {
    try {
      if (!this.runner) {
        this.runner = this.db.createQueryRunner();
        await this.runner.connect();
      }
      if (this.leader) {
        await this.runner.query('SELECT 1'); // a dead connection has lost the lock
      } else {
        const [{ ok }] = (await this.runner.query(`SELECT pg_try_advisory_lock(hashtext($1)) AS ok`, [LOCK_KEY])) as { ok: boolean }[];
        this.leader = ok === true;
      }
      return this.leader;
    } catch (err) {
      this.log(`metrics sampler: lost its database connection (${(err as Error).message}); trying again next tick`);
      await this.dropLock();
      return false;
    }
  }

  private async dropLock(): Promise<void> {
    const runner = this.runner;
    this.runner = undefined;
    const held = this.leader;
    this.leader = false;
    // the connection goes back to the pool: it must not keep the lock there
    if (held) await runner?.query(`SELECT pg_advisory_unlock(hashtext($1))`, [LOCK_KEY]).catch(() => undefined);
    await runner?.release().catch(() => undefined);
  }
}
