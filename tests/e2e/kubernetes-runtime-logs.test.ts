// Runtime logs and events of apps on Kubernetes, through the same contract as Docker apps: each
// pod's lines are captured from the pod log API, with the pod as the instance, nothing lost or
// twice; a pod's crash and OOM kill appear in App.events.
import { afterAll, describe, expect, it } from 'vitest';
import { busyboxApp, FixtureRepo } from '../helpers/fixture-repo.js';
import { createApp, deploy, gql, waitForDeployment } from '../helpers/graphql.js';
import { until } from '../helpers/wait.js';

type AppEvent = { kind: string; message: string; deploymentId: string | null };
const eventsOf = async (appId: string): Promise<AppEvent[]> =>
  (await gql(`query($id: ID!) { app(id: $id) { events(limit: 100) { kind message deploymentId } } }`, { id: appId })).app.events;

describe('runtime logs on Kubernetes', () => {
  const repo = new FixtureRepo();
  const repos = [repo];
  const apps: string[] = [];
  let appId: string;

  afterAll(async () => {
    for (const id of [appId, ...apps]) await gql(`mutation($id: ID!) { deleteApp(id: $id) }`, { id }).catch(() => undefined);
    for (const r of repos) r.remove();
  });

  async function livePodApp(name: string, cmd: string, memoryMb = 64): Promise<{ appId: string; deploymentId: string }> {
    const r = new FixtureRepo();
    repos.push(r);
    r.commit(busyboxApp({ cmd }));
    const id = (await createApp({ name, gitUrl: r.url, healthCheckPath: '/cgi-bin/health', runtime: 'KUBERNETES', memoryMb, cpus: 0.2 })).id;
    apps.push(id);
    const d = await waitForDeployment((await deploy(id)).id, 240_000);
    expect(d.status).toBe('LIVE');
    return { appId: id, deploymentId: d.id };
  }

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

  it('a pod that exits with code 3 after printing appears as crashed, with the exit code and its last lines', async () => {
    const { appId: id, deploymentId } = await livePodApp(
      'k8s-crash',
      'httpd -f -p "$PORT" -h /www & sleep 12; echo "k8s step one"; echo "k8s giving up"; exit 3',
    );
    let crash: AppEvent | undefined;
    await until('a crashed event', async () => !!(crash = (await eventsOf(id)).find((e) => e.kind === 'crashed')), 90_000);
    expect(crash!.deploymentId).toBe(deploymentId);
    expect(crash!.message).toMatch(/^k8s-crash-\S+ exited with code 3\.\nLast lines:\n/);
    const tail = crash!.message.split('\nLast lines:\n')[1].split('\n');
    expect(tail).toEqual(expect.arrayContaining(['k8s step one', 'k8s giving up']));
    // the kubelet started it again: a started event after the crash, each recorded once
    const events = await eventsOf(id);
    expect(events.filter((e) => e.kind === 'started').length).toBeGreaterThanOrEqual(1);
    expect(events.filter((e) => e.kind === 'crashed').length).toBeLessThanOrEqual(events.filter((e) => e.kind === 'started').length);
  }, 400_000);

  it('a pod over its memory limit appears as oom_killed', async () => {
    // 32 MiB limit; after the health check passed the shell builds a 64 MB string
    const { appId: id } = await livePodApp('k8s-oom', 'httpd -f -p "$PORT" -h /www & sleep 12; x=$(head -c 67108864 /dev/zero | tr "\\000" a); sleep 60', 32);
    await until('an oom_killed event', async () => (await eventsOf(id)).some((e) => e.kind === 'oom_killed'), 90_000);
    expect((await eventsOf(id)).find((e) => e.kind === 'oom_killed')!.message).toMatch(/^k8s-oom-\S+ ran out of memory/);
    expect((await eventsOf(id)).some((e) => e.kind === 'crashed')).toBe(false);
  }, 400_000);
});
