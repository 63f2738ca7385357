// Runtime logs of an app on Kubernetes, through the same contract as Docker apps: each pod's
// lines are captured from the pod log API, with the pod as the instance, nothing lost or twice.
import { afterAll, describe, expect, it } from 'vitest';
import { busyboxApp, FixtureRepo } from '../helpers/fixture-repo.js';
import { createApp, deploy, gql, waitForDeployment } from '../helpers/graphql.js';
import { until } from '../helpers/wait.js';

describe('runtime logs on Kubernetes', () => {
  const repo = new FixtureRepo();
  let appId: string;

  afterAll(async () => {
    await gql(`mutation($id: ID!) { deleteApp(id: $id) }`, { id: appId }).catch(() => undefined);
    repo.remove();
  });

  it("captures every pod's numbered lines with the pod as the instance", async () => {
    repo.commit(busyboxApp({ cmd: '(i=0; while true; do i=$((i+1)); echo "pod line $i"; sleep 0.2; done) & exec httpd -f -p "$PORT" -h /www' }));
    appId = (
      await createApp({
        name: 'k8s-runtime-logs',
        gitUrl: repo.url,
        healthCheckPath: '/cgi-bin/health',
        runtime: 'KUBERNETES',
        replicas: 2,
        memoryMb: 64,
        cpus: 0.2,
      })
    ).id;
    expect((await waitForDeployment((await deploy(appId)).id, 240_000)).status).toBe('LIVE');
    type Line = { line: string; instance: string; stream: string };
    let lines: Line[] = [];
    const byPod = () => {
      const m = new Map<string, number[]>();
      for (const l of lines) if (/^pod line \d+$/.test(l.line)) m.set(l.instance, [...(m.get(l.instance) ?? []), Number(l.line.slice(9))]);
      return m;
    };
    await until(
      'lines of both pods',
      async () => {
        lines = (await gql(`query($id: ID!) { app(id: $id) { runtimeLogs(limit: 5000) { line instance stream } } }`, { id: appId })).app.runtimeLogs;
        return [...byPod().values()].filter((ns) => ns.length >= 5).length === 2;
      },
      60_000,
    );
    for (const [pod, numbers] of byPod()) {
      expect(pod).toMatch(/k8s-runtime-logs/);
      expect(numbers[0]).toBe(1);
      expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    }
  }, 400_000);
});
