// Metrics of a Kubernetes app through the contract: the sampler reads the cluster's metrics API
// (metrics-server, which itself samples every 15 s), so points come later than Docker's; network
// is not in that API and stays 0.
import { afterAll, describe, expect, it } from 'vitest';
import { busyboxApp, FixtureRepo } from '../helpers/fixture-repo.js';
import { createApp, deploy, gql, waitForDeployment } from '../helpers/graphql.js';
import { until } from '../helpers/wait.js';

const repo = new FixtureRepo();
let appId = '';

afterAll(async () => {
  if (appId) await gql(`mutation($id: ID!) { deleteApp(id: $id) }`, { id: appId }).catch(() => undefined);
  repo.remove();
});

describe('Kubernetes metrics', () => {
  it('has points with the CPU of a busy pod and its memory, from the metrics API', async () => {
    repo.commit(busyboxApp({ cmd: 'httpd -f -p "$PORT" -h /www & while :; do :; done' }));
    appId = (await createApp({ name: 'kube-metrics', gitUrl: repo.url, healthCheckPath: '/cgi-bin/health', runtime: 'KUBERNETES', memoryMb: 64, cpus: 0.2 }))
      .id;
    const d = await waitForDeployment((await deploy(appId)).id);
    expect(d.error).toBeNull();

    const since = new Date(Date.now() - 5 * 60_000).toISOString();
    type Point = { cpuPercent: number; memoryMb: number; netRxBytes: number };
    let points: Point[] = [];
    await until(
      'metrics of the busy pod',
      async () => {
        points = (
          await gql(`query($id: ID!, $since: DateTime) { app(id: $id) { metrics(since: $since, stepSeconds: 2) { cpuPercent memoryMb netRxBytes } } }`, {
            id: appId,
            since,
          })
        ).app.metrics;
        return points.some((p) => p.cpuPercent > 5);
      },
      180_000,
      2_000,
    );
    // limited to 0.2 of a core
    expect(Math.max(...points.map((p) => p.cpuPercent))).toBeLessThan(40);
    for (const p of points) {
      expect(p.memoryMb).toBeGreaterThan(0);
      expect(p.memoryMb).toBeLessThan(128);
      expect(p.netRxBytes).toBe(0);
    }
  }, 360_000);
});
