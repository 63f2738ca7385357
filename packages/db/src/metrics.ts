// Resource metrics of running apps, in PostgreSQL: raw samples per instance kept short, rolled up
// per app into 1-minute and 1-hour buckets kept longer. Rollups are recomputed over a trailing
// window (an upsert), so a pass that runs twice, late, or in two workers at once writes the same rows.
/** A DataSource or an EntityManager: the functions here only run SQL. */
export type Queryable = { query(sql: string, params?: unknown[]): Promise<unknown> };

export interface MetricsRetention {
  /** Raw samples (PAAS_METRICS_RAW_RETENTION_MIN, default 60). */
  rawMinutes: number;
  /** 1-minute rollups (PAAS_METRICS_MINUTE_RETENTION_HOURS, default 48). */
  minuteHours: number;
  /** 1-hour rollups (PAAS_METRICS_HOUR_RETENTION_DAYS, default 30). */
  hourDays: number;
}

export const METRICS_RETENTION_DEFAULTS: MetricsRetention = { rawMinutes: 60, minuteHours: 48, hourDays: 30 };

export function metricsRetentionFromEnv(env: NodeJS.ProcessEnv): MetricsRetention {
  return {
    rawMinutes: wholeNumber(env, 'PAAS_METRICS_RAW_RETENTION_MIN', METRICS_RETENTION_DEFAULTS.rawMinutes, 5, 24 * 60),
    minuteHours: wholeNumber(env, 'PAAS_METRICS_MINUTE_RETENTION_HOURS', METRICS_RETENTION_DEFAULTS.minuteHours, 2, 24 * 31),
    hourDays: wholeNumber(env, 'PAAS_METRICS_HOUR_RETENTION_DAYS', METRICS_RETENTION_DEFAULTS.hourDays, 1, 3650),
  };
}

/** One reading of one instance. Totals are the engine's cumulative network counters. */
export interface MetricSample {
  appId: string;
  instance: string;
  /** The sampling slot (the sampler rounds it): one row per instance and slot. */
  at: Date;
  cpuPercent: number;
  memoryMb: number;
  rxTotal: number;
  txTotal: number;
}

/**
 * Stores samples; a slot an instance already has is skipped. Network bytes of a sample are the
 * growth of the counters since the instance's previous sample (0 for the first, and after a
 * counter reset such as a container restart).
 */
export async function insertMetricSamples(db: Queryable, samples: MetricSample[]): Promise<number> {
  if (samples.length === 0) return 0;
  const rows = (await db.query(
    `INSERT INTO metric_samples (app_id, instance, at, cpu_percent, memory_mb, rx_total, tx_total, rx_bytes, tx_bytes)
     SELECT s.app_id, s.instance, s.at, s.cpu, s.mem, s.rx, s.tx,
            GREATEST(0, s.rx - COALESCE(p.rx_total, s.rx)), GREATEST(0, s.tx - COALESCE(p.tx_total, s.tx))
       FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::real[], $5::real[], $6::bigint[], $7::bigint[])
            AS s(app_id, instance, at, cpu, mem, rx, tx)
       LEFT JOIN LATERAL (SELECT rx_total, tx_total FROM metric_samples m
                           WHERE m.instance = s.instance AND m.at < s.at ORDER BY m.at DESC LIMIT 1) p ON true
      WHERE EXISTS (SELECT 1 FROM apps a WHERE a.id = s.app_id)
     ON CONFLICT (instance, at) DO NOTHING
     RETURNING 1`,
    [
      samples.map((s) => s.appId),
      samples.map((s) => s.instance),
      samples.map((s) => s.at),
      samples.map((s) => Math.max(0, s.cpuPercent)),
      samples.map((s) => Math.max(0, s.memoryMb)),
      samples.map((s) => Math.max(0, Math.round(s.rxTotal))),
      samples.map((s) => Math.max(0, Math.round(s.txTotal))),
    ],
  )) as unknown[];
  return rows.length;
}

export interface DownsampleResult {
  minuteBuckets: number;
  hourBuckets: number;
  rawDeleted: number;
  minuteDeleted: number;
  hourDeleted: number;
}

/**
 * Rolls raw samples up into the completed minutes of the raw retention window, those minutes into
 * the completed hours of the last three hours, and deletes what is past its retention. A minute is
 * the sum over instances of each instance's average (CPU, memory) or total (network); an hour is
 * the average (CPU, memory) or total (network) of its minutes.
 */
export async function downsampleMetrics(db: Queryable, retention: MetricsRetention, now: Date = new Date()): Promise<DownsampleResult> {
  const minuteEnd = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
  const minuteStart = new Date(minuteEnd.getTime() - retention.rawMinutes * 60_000);
  const hourEnd = new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000);
  const hourStart = new Date(hourEnd.getTime() - 3 * 3_600_000);
  const minutes = (await db.query(
    `INSERT INTO metric_rollups (app_id, resolution, bucket, cpu_percent, memory_mb, rx_bytes, tx_bytes)
     SELECT app_id, 60, bucket, sum(cpu), sum(mem), sum(rx), sum(tx) FROM (
       SELECT app_id, instance, date_trunc('minute', at) AS bucket, avg(cpu_percent) AS cpu, avg(memory_mb) AS mem,
              sum(rx_bytes) AS rx, sum(tx_bytes) AS tx
         FROM metric_samples WHERE at >= $1 AND at < $2 GROUP BY app_id, instance, date_trunc('minute', at)) per_instance
      GROUP BY app_id, bucket
     ON CONFLICT (app_id, resolution, bucket) DO UPDATE
       SET cpu_percent = excluded.cpu_percent, memory_mb = excluded.memory_mb, rx_bytes = excluded.rx_bytes, tx_bytes = excluded.tx_bytes
     RETURNING 1`,
    [minuteStart, minuteEnd],
  )) as unknown[];
  const hours = (await db.query(
    `INSERT INTO metric_rollups (app_id, resolution, bucket, cpu_percent, memory_mb, rx_bytes, tx_bytes)
     SELECT app_id, 3600, date_trunc('hour', bucket), avg(cpu_percent), avg(memory_mb), sum(rx_bytes), sum(tx_bytes)
       FROM metric_rollups WHERE resolution = 60 AND bucket >= $1 AND bucket < $2 GROUP BY app_id, date_trunc('hour', bucket)
     ON CONFLICT (app_id, resolution, bucket) DO UPDATE
       SET cpu_percent = excluded.cpu_percent, memory_mb = excluded.memory_mb, rx_bytes = excluded.rx_bytes, tx_bytes = excluded.tx_bytes
     RETURNING 1`,
    [hourStart, hourEnd],
  )) as unknown[];
  const del = async (sql: string, cutoff: Date) => countOf((await db.query(sql, [cutoff])) as unknown[]);
  const t = now.getTime();
  return {
    minuteBuckets: minutes.length,
    hourBuckets: hours.length,
    rawDeleted: await del(`DELETE FROM metric_samples WHERE at < $1 RETURNING 1`, new Date(t - retention.rawMinutes * 60_000)),
    minuteDeleted: await del(`DELETE FROM metric_rollups WHERE resolution = 60 AND bucket < $1 RETURNING 1`, new Date(t - retention.minuteHours * 3_600_000)),
    hourDeleted: await del(`DELETE FROM metric_rollups WHERE resolution = 3600 AND bucket < $1 RETURNING 1`, new Date(t - retention.hourDays * 86_400_000)),
  };
}

export interface MetricPointRow {
  at: Date;
  cpuPercent: number;
  memoryMb: number;
  netRxBytes: number;
  netTxBytes: number;
}

/**
 * Where a range's points come from: raw samples while they are kept, then minutes, then hours.
 * A range a little longer than a retention (a client's "last hour" computed a moment before the
 * query) still reads the finer table: it misses those moments rather than the range's newest part,
 * which the coarser table has not been rolled up yet.
 */
const SOURCE_SLACK_MS = 5 * 60_000;

export function metricsSource(since: Date, now: Date, retention: MetricsRetention): 'raw' | 60 | 3600 {
  const age = now.getTime() - since.getTime() - SOURCE_SLACK_MS;
  if (age <= retention.rawMinutes * 60_000) return 'raw';
  if (age <= retention.minuteHours * 3_600_000) return 60;
  return 3600;
}

/** One point per step that has data, oldest first, summed over the app's instances. */
export async function queryMetrics(
  db: Queryable,
  appId: string,
  since: Date,
  stepSeconds: number,
  retention: MetricsRetention,
  now: Date = new Date(),
): Promise<MetricPointRow[]> {
  const source = metricsSource(since, now, retention);
  const rows = (await db.query(
    source === 'raw'
      ? `SELECT t AS at, sum(cpu) AS cpu, sum(mem) AS mem, sum(rx) AS rx, sum(tx) AS tx FROM (
           SELECT to_timestamp(floor(extract(epoch FROM at) / $3) * $3) AS t, instance,
                  avg(cpu_percent) AS cpu, avg(memory_mb) AS mem, sum(rx_bytes) AS rx, sum(tx_bytes) AS tx
             FROM metric_samples WHERE app_id = $1 AND at >= $2 AND at <= $4 GROUP BY 1, instance) per_instance
          GROUP BY t ORDER BY t`
      : `SELECT to_timestamp(floor(extract(epoch FROM bucket) / $3) * $3) AS at, avg(cpu_percent) AS cpu, avg(memory_mb) AS mem,
                sum(rx_bytes) AS rx, sum(tx_bytes) AS tx
           FROM metric_rollups WHERE app_id = $1 AND bucket >= $2 AND bucket <= $4 AND resolution = ${source}
          GROUP BY 1 ORDER BY 1`,
    [appId, since, stepSeconds, now],
  )) as { at: Date; cpu: string | number; mem: string | number; rx: string | number; tx: string | number }[];
  return rows.map((r) => ({ at: new Date(r.at), cpuPercent: Number(r.cpu), memoryMb: Number(r.mem), netRxBytes: Number(r.rx), netTxBytes: Number(r.tx) }));
}

/** TypeORM returns [rows, count] for a DELETE … RETURNING on postgres, rows otherwise. */
function countOf(result: unknown[]): number {
  return Array.isArray(result[0]) ? (result[0] as unknown[]).length : result.length;
}

function wholeNumber(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!/^[0-9]+$/.test(raw) || n < min || n > max) throw new Error(`${name} must be a whole number from ${min} to ${max} (got "${raw}").`);
  return n;
}

/** What the platform's Prometheus endpoint reports, read from the projection on each scrape. */
export interface PlatformMetricsSnapshot {
  deploymentsByStatus: { status: string; count: number }[];
  /** Per step: how many finished steps took at most each bound (seconds), their count and total. */
  stepDurations: { step: string; buckets: number[]; count: number; sum: number }[];
  queuedDeployments: number;
  buildSlotsInUse: number;
  buildSeconds: number;
}

export async function platformMetricsSnapshot(db: Queryable, bounds: readonly number[]): Promise<PlatformMetricsSnapshot> {
  const statuses = (await db.query(`SELECT status, count(*)::int AS n FROM deployments GROUP BY status`)) as { status: string; n: number }[];
  const bucketSql = bounds.map((_, i) => `count(*) FILTER (WHERE d <= $${i + 1})::int AS b${i}`).join(', ');
  const steps = (await db.query(
    `SELECT name, ${bucketSql}, count(*)::int AS n, COALESCE(sum(d), 0)::float8 AS total FROM (
       SELECT name, extract(epoch FROM finished_at - started_at)::float8 AS d FROM deployment_steps
        WHERE started_at IS NOT NULL AND finished_at IS NOT NULL AND status IN ('SUCCEEDED', 'FAILED')) s
      GROUP BY name ORDER BY name`,
    [...bounds],
  )) as Record<string, number | string>[];
  const [queue] = (await db.query(
    `SELECT count(*) FILTER (WHERE status = 'QUEUED')::int AS queued,
            count(*) FILTER (WHERE build_slot_at IS NOT NULL AND build_slot_released_at IS NULL)::int AS slots
       FROM deployments`,
  )) as { queued: number; slots: number }[];
  const [build] = (await db.query(
    `SELECT COALESCE(sum(extract(epoch FROM finished_at - started_at)), 0)::float8 AS s FROM deployment_steps
      WHERE name = 'BUILD' AND started_at IS NOT NULL AND finished_at IS NOT NULL`,
  )) as { s: number }[];
  return {
    deploymentsByStatus: statuses.map((r) => ({ status: r.status, count: r.n })),
    stepDurations: steps.map((r) => ({ step: String(r.name), buckets: bounds.map((_, i) => Number(r[`b${i}`])), count: Number(r.n), sum: Number(r.total) })),
    queuedDeployments: queue.queued,
    buildSlotsInUse: queue.slots,
    buildSeconds: Number(build.s),
  };
}
