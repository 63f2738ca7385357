// Two workers' samplers on one real PostgreSQL (a scratch database): only the one holding the
// advisory lock samples, the other takes over once it stops, and nothing is stored twice. The
// engine side is a stand-in that reports one running container (the Docker side is covered by
// tests/e2e/metrics.test.ts); what is under test here is the claim in PostgreSQL.
import type { DataSource } from 'typeorm';
import { beforeAll, describe, expect, it } from 'vitest';
import { MetricsSampler } from '../../services/worker/src/background/metrics-sampler.js';
import { useScratchDatabase } from '../helpers/scratch-database.js';

const scratch = useScratchDatabase('paas_metrics_sampler', 4);
let db: DataSource;
let appId: string;

beforeAll(async () => {
  db = scratch();
  [{ id: appId }] = await db.query(
    `INSERT INTO apps (name, kind, runtime, branch, root_directory, dockerfile_path, port, health_check_path)
     VALUES ('sampled', 'SERVICE', 'DOCKERFILE', 'main', '.', 'Dockerfile', 8080, '/') RETURNING id`,
  );
});

function sampler(reads: { n: number }) {
  const docker = {
    runningReleases: async () => [{ id: 'c1', name: 'paas-sampled-1', appId, deploymentId: null }],
    containerReading: async () => {
      reads.n++;
      return { cpuPercent: 12.5, memoryMb: 40, rxTotal: 1000 * reads.n, txTotal: 0 };
    },
  };
  return new MetricsSampler(db, { docker, kube: null }, { PAAS_METRICS_INTERVAL_SEC: '2' }, () => undefined);
}

describe('metrics sampler with several workers', () => {
  it('samples in one worker only, and in the other once the first stops', async () => {
    const readsA = { n: 0 };
    const readsB = { n: 0 };
    const a = sampler(readsA);
    const b = sampler(readsB);
    const t = (sec: number) => new Date(Date.UTC(2030, 0, 1, 0, 0, sec));
    try {
      expect(await a.tick(t(0))).toBe(1);
      expect(await b.tick(t(0))).toBe(0);
      expect(await a.tick(t(2))).toBe(1);
      expect(await b.tick(t(2))).toBe(0);
      expect(readsB.n).toBe(0);
      await a.stop();
      expect(await b.tick(t(4))).toBe(1);
      expect(readsB.n).toBe(1);
    } finally {
      await a.stop();
      await b.stop();
    }
    const rows = await db.query(`SELECT at FROM metric_samples WHERE app_id = $1 ORDER BY at`, [appId]);
    expect(rows.map((r: { at: Date }) => r.at.toISOString())).toEqual([t(0), t(2), t(4)].map((d) => d.toISOString()));
  });

  it('stores a slot once even if two samplers read it', async () => {
    // a second sampler that got the lock right after a first one released it, in the same slot
    const a = sampler({ n: 0 });
    const at = new Date(Date.UTC(2030, 0, 1, 0, 1, 0));
    try {
      expect(await a.tick(at)).toBe(1);
      await a.stop();
      const b = sampler({ n: 0 });
      expect(await b.tick(new Date(at.getTime() + 500))).toBe(0);
      await b.stop();
    } finally {
      await a.stop();
    }
  });

  it('keeps sampling Docker while the Kubernetes metrics API fails, says so once, and stores pods when it answers', async () => {
    let kubeUp = false;
    const kube = {
      podReadings: async () => {
        if (!kubeUp) throw new Error('HTTP-Code: 500\nMessage: service unavailable\nBody: {}');
        return [{ name: 'paas-apps/sampled-pod', appId, cpuPercent: 20, memoryMb: 30 }];
      },
    };
    const docker = {
      runningReleases: async () => [{ id: 'c2', name: 'paas-sampled-2', appId, deploymentId: null }],
      containerReading: async () => ({ cpuPercent: 1, memoryMb: 10, rxTotal: 5, txTotal: 5 }),
    };
    const lines: string[] = [];
    const s = new MetricsSampler(db, { docker, kube }, { PAAS_METRICS_INTERVAL_SEC: '2' }, (l) => lines.push(l));
    const t = (sec: number) => new Date(Date.UTC(2030, 0, 1, 0, 2, sec));
    try {
      expect(await s.tick(t(0))).toBe(1);
      expect(await s.tick(t(2))).toBe(1);
      kubeUp = true;
      expect(await s.tick(t(4))).toBe(2);
    } finally {
      await s.stop();
    }
    expect(lines).toEqual([
      'metrics sampler: Kubernetes metrics API unavailable (HTTP-Code: 500); pods have no samples until it answers',
      'metrics sampler: Kubernetes metrics API available again',
    ]);
    const [pod] = await db.query(`SELECT cpu_percent, memory_mb, rx_bytes, tx_bytes FROM metric_samples WHERE instance = 'paas-apps/sampled-pod'`);
    expect(pod).toEqual({ cpu_percent: 20, memory_mb: 30, rx_bytes: '0', tx_bytes: '0' });
  });
});
