// An autoscaled Kubernetes app through the contract: CPU load through the edge (loopback,
// bounded in time and connections) raises App.replicas, and it falls back once the load stops;
// both scalings appear in App.events.
// Slow by nature (metrics every 15 s, the autoscaler every 15 s): one app, one load, one test.
import autocannon from 'autocannon';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { busyboxApp, FixtureRepo } from '../helpers/fixture-repo.js';
import { createApp, deploy, gql, waitForDeployment } from '../helpers/graphql.js';
import { until } from '../helpers/wait.js';

const repo = new FixtureRepo();
let appId = '';

afterAll(async () => {
  if (appId) await gql(`mutation($id: ID!) { deleteApp(id: $id) }`, { id: appId }).catch(() => undefined);
  repo.remove();
});

const replicas = async () => (await gql(`query($id: ID!) { app(id: $id) { replicas } }`, { id: appId })).app.replicas as number;

describe('autoscale', () => {
  it('raises the replicas under CPU load through the edge and falls back after it', async () => {
    repo.commit({
      ...busyboxApp({ body: 'scaled\n' }),
      // each request spins the CPU for a moment
      'www/cgi-bin/burn': '#!/bin/sh\ni=0\nwhile [ $i -lt 3000 ]; do i=$((i+1)); done\nprintf "Content-Type: text/plain\\r\\n\\r\\nburnt\\n"\n',
    });
    appId = (
      await createApp({
        name: 'kube-scale',
        gitUrl: repo.url,
        healthCheckPath: '/cgi-bin/health',
        runtime: 'KUBERNETES',
        memoryMb: 64,
        cpus: 0.2,
        autoscale: { minReplicas: 1, maxReplicas: 3, targetCpuPercent: 50 },
      })
    ).id;
    const d = await waitForDeployment((await deploy(appId)).id);
    expect(d.error).toBeNull();
    expect(await replicas()).toBe(1);

    const load = autocannon(
      {
        url: `http://127.0.0.1:${inject('edgePort')}/cgi-bin/burn`,
        headers: { host: `kube-scale.${inject('baseDomain')}` },
        connections: 4,
        duration: 150,
        timeout: 10,
      },
      () => undefined,
    ); // with a callback autocannon returns the instance, which stop() ends

    try {
      await until('the autoscaler to add replicas', async () => (await replicas()) > 1, 150_000, 2_000);
    } finally {
      load.stop();
    }
    // scale-down window 10 s in the tests (PAAS_KUBERNETES_SCALE_DOWN_SEC), then the next metrics
    await until('the replicas to fall back to 1', async () => (await replicas()) === 1, 150_000, 2_000);

    // the timeline has both scalings, from the autoscaler's status, each once
    type Event = { kind: string; message: string; at: string };
    let scaled: Event[] = [];
    await until(
      'both scalings in the app events',
      async () => {
        const events = (await gql(`query($id: ID!) { app(id: $id) { events { kind message at } } }`, { id: appId })).app.events as Event[];
        scaled = events.filter((e) => e.kind === 'scaled');
        return scaled.some((e) => /scaled the app to 1 instance/.test(e.message)) && scaled.some((e) => /to [23] instance/.test(e.message));
      },
      30_000,
    );
    expect(scaled.every((e) => /^The autoscaler scaled the app to [123] instance\(s\) \(between 1 and 3\)\.$/.test(e.message))).toBe(true);
    expect(new Set(scaled.map((e) => e.at)).size).toBe(scaled.length);
  }, 420_000);
});
