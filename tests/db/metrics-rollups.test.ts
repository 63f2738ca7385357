// Metrics storage against the test stack's real PostgreSQL (a scratch database): synthetic raw
// samples of two instances roll up into 1-minute buckets, those into 1-hour buckets, retention
// deletes each level past its age, and the range query picks the right table.
import { downsampleMetrics, insertMetricSamples, metricsSource, queryMetrics, METRICS_RETENTION_DEFAULTS as R, type MetricSample } from '@paas/db';
import type { DataSource } from 'typeorm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useScratchDatabase } from '../helpers/scratch-database.js';

const scratch = useScratchDatabase('paas_metrics', 2);
let db: DataSource;
let appId: string;
const T0 = new Date('2030-06-01T10:00:00Z').getTime();
const at = (sec: number) => new Date(T0 + sec * 1000);

beforeAll(async () => {
  db = scratch();
  [{ id: appId }] = await db.query(
    `INSERT INTO apps (name, kind, runtime, branch, root_directory, dockerfile_path, port, health_check_path)
     VALUES ('metrics-app', 'SERVICE', 'DOCKERFILE', 'main', '.', 'Dockerfile', 8080, '/') RETURNING id`,
  );
});

/** Instance a: 10 % CPU, 100 MB, 1000 bytes in per 10 s; instance b: 30 %, 50 MB, 500 bytes. */
function samples(fromSec: number, toSec: number): MetricSample[] {
  const out: MetricSample[] = [];
  for (let s = fromSec; s < toSec; s += 10) {
    out.push({ appId, instance: 'a', at: at(s), cpuPercent: 10, memoryMb: 100, rxTotal: 1000 * (s / 10), txTotal: 0 });
    out.push({ appId, instance: 'b', at: at(s), cpuPercent: 30, memoryMb: 50, rxTotal: 500 * (s / 10), txTotal: 0 });
  }
  return out;
}

describe('metrics rollups', () => {
  it('stores one row per instance and slot, network as the growth since the previous sample', async () => {
    // slot by slot, as the sampler writes them
    let stored = 0;
    for (let s = 0; s < 7200; s += 10) stored += await insertMetricSamples(db, samples(s, s + 10));
    expect(stored).toBe(2 * 720);
    // a second worker sampling the same slots adds nothing
    expect(await insertMetricSamples(db, samples(0, 60))).toBe(0);
    const [first] = await db.query(`SELECT rx_bytes FROM metric_samples WHERE instance = 'a' AND at = $1`, [at(0)]);
    const [later] = await db.query(`SELECT rx_bytes FROM metric_samples WHERE instance = 'a' AND at = $1`, [at(10)]);
    expect(Number(first.rx_bytes)).toBe(0);
    expect(Number(later.rx_bytes)).toBe(1000);
    // samples of an app that does not exist (deleted meanwhile) are dropped, not an error
    expect(await insertMetricSamples(db, [{ ...samples(7200, 7210)[0], appId: '00000000-0000-4000-8000-000000000000' }])).toBe(0);
  });

  it('rolls raw samples into minutes and minutes into hours', async () => {
    const retention = { ...R, rawMinutes: 24 * 60 };
    const r = await downsampleMetrics(db, retention, at(7200 + 30));
    expect(r.minuteBuckets).toBe(120);
    expect(r.hourBuckets).toBe(2);
    const minutes = await db.query(`SELECT * FROM metric_rollups WHERE resolution = 60 ORDER BY bucket`);
    expect(minutes).toHaveLength(120);
    // summed over instances: 10 + 30 % CPU, 100 + 50 MB; 6 samples a minute of 1000 + 500 bytes
    expect(minutes[5].cpu_percent).toBeCloseTo(40);
    expect(minutes[5].memory_mb).toBeCloseTo(150);
    expect(Number(minutes[5].rx_bytes)).toBe(6 * 1500);
    const hours = await db.query(`SELECT * FROM metric_rollups WHERE resolution = 3600 ORDER BY bucket`);
    expect(hours.map((h: { bucket: Date }) => h.bucket.toISOString())).toEqual([at(0).toISOString(), at(3600).toISOString()]);
    expect(hours[1].cpu_percent).toBeCloseTo(40);
    expect(Number(hours[1].rx_bytes)).toBe(360 * 1500);
    // running again (late, or in another worker) writes the same rows
    await downsampleMetrics(db, retention, at(7200 + 30));
    expect(await db.query(`SELECT count(*)::int AS n FROM metric_rollups`)).toEqual([{ n: 122 }]);
  });

  it('queries by range and step from the table that still holds the range', async () => {
    const now = at(7200);
    const raw = await queryMetrics(db, appId, at(7200 - 600), 60, { ...R, rawMinutes: 24 * 60 }, now);
    expect(raw).toHaveLength(10);
    expect(raw[0].cpuPercent).toBeCloseTo(40);
    expect(raw[0].netRxBytes).toBe(6 * 1500);
    expect(raw[0].at.getTime()).toBeLessThan(raw[1].at.getTime());
    const fromMinutes = await queryMetrics(db, appId, at(0), 600, { ...R, rawMinutes: 5 }, now);
    expect(metricsSource(at(0), now, { ...R, rawMinutes: 5 })).toBe(60);
    expect(fromMinutes).toHaveLength(12);
    expect(fromMinutes[0].cpuPercent).toBeCloseTo(40);
    // the very first sample has no predecessor: 0 bytes
    expect(fromMinutes[0].netRxBytes).toBe(59 * 1500);
    expect(metricsSource(at(0), at(7200 + 3 * 86_400), R)).toBe(3600);
    // "the last hour" as a browser computed it a moment before the query still reads raw samples
    expect(metricsSource(at(0), at(3600 + 2), R)).toBe('raw');
    expect(metricsSource(at(0), at(48 * 3600 + 2), R)).toBe(60);
    const fromHours = await queryMetrics(db, appId, at(0), 3600, R, at(7200 + 3 * 86_400));
    expect(fromHours.map((p) => p.memoryMb)).toEqual([150, 150]);
  });

  it('deletes each level past its retention', async () => {
    const r = await downsampleMetrics(db, R, at(7200 + 31 * 86_400));
    expect(r.rawDeleted).toBe(2 * 720);
    expect(r.minuteDeleted).toBe(120);
    expect(r.hourDeleted).toBe(2);
    expect(await db.query(`SELECT count(*)::int AS n FROM metric_rollups`)).toEqual([{ n: 0 }]);
  });
});
