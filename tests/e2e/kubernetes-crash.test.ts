// Crash anywhere on Kubernetes, finish once: the worker is SIGKILLed right after RUN, VERIFY or
// RETIRE of a Kubernetes app did its work (before it could report it); the stack restarts it.
// Each deployment still ends LIVE once, serving the new version, with the app's pods all of it.
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { busyboxApp, FixtureRepo } from '../helpers/fixture-repo.js';
import { createApp, deploy, gql, viaEdge, waitForDeployment } from '../helpers/graphql.js';
import { killProcess, restarted } from '../helpers/processes.js';
import { until } from '../helpers/wait.js';

const faults = () => join(inject('dataDir'), 'faults');

describe('crash recovery on Kubernetes', () => {
  const repo = new FixtureRepo();
  let appId: string;
  let version = 0;
  let core: CoreV1Api;

  beforeAll(async () => {
    const kc = new KubeConfig();
    kc.loadFromFile(inject('kubeconfig'));
    core = kc.makeApiClient(CoreV1Api);
    repo.commit(busyboxApp({ body: 'v0\n' }));
    appId = (
      await createApp({
        name: 'kube-crash-once',
        gitUrl: repo.url,
        healthCheckPath: '/cgi-bin/health',
        runtime: 'KUBERNETES',
        replicas: 2,
        memoryMb: 64,
        cpus: 0.2,
      })
    ).id;
    expect((await waitForDeployment((await deploy(appId)).id)).status).toBe('LIVE');
  });

  afterAll(async () => {
    await gql(`mutation($id: ID!) { deleteApp(id: $id) }`, { id: appId }).catch(() => undefined);
    repo.remove();
  });

  for (const step of ['RUN', 'VERIFY', 'RETIRE']) {
    it(`the worker killed right after ${step} did its work: the deployment finishes once`, async () => {
      version++;
      repo.commit({ 'www/index.html': `v${version}\n` });
      const pause = join(faults(), `${appId}.${step}`);
      writeFileSync(pause, '');
      const { id } = await deploy(appId);
      await until(`${step} to finish its work`, () => existsSync(`${pause}.reached`), 120_000);
      const pid = killProcess('worker');
      await restarted('worker', pid);
      rmSync(pause);
      rmSync(`${pause}.reached`, { force: true });

      const d = await waitForDeployment(id, 180_000);
      expect(d.error).toBeNull();
      expect(d.status).toBe('LIVE');
      expect(d.steps.find((s) => s.name === step)!.attempt).toBeGreaterThanOrEqual(2); // the step ran again, without repeating its effect
      expect(await viaEdge('kube-crash-once')).toEqual({ status: 200, body: `v${version}\n` });
      // the app's pods: two, all of this release, none left of another
      const { items } = await core.listPodForAllNamespaces({ labelSelector: `dev.paas.app=${appId}` });
      const running = items.filter((p) => !p.metadata?.deletionTimestamp);
      expect(running.map((p) => p.metadata?.labels?.['dev.paas.deployment'])).toEqual([id, id]);
    }, 300_000);
  }
});
