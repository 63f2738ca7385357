// Crash anywhere, finish once: the worker is SIGKILLed right after each step did its work (before
// it could report it), the Temporal server and the gateway once each; the stack restarts them.
// Every deployment must still end LIVE with exactly one container for the app, the route on it,
// and the projection agreeing with the workflow.
import type { Client } from '@temporalio/client';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { deploymentStateQuery } from '@paas/contracts';
import { containersOfApp, docker } from '../helpers/docker.js';
import { busyboxApp, FixtureRepo } from '../helpers/fixture-repo.js';
import { createApp, deploy, gql, viaEdge, waitForDeployment } from '../helpers/graphql.js';
import { connectTemporal } from '../helpers/temporal.js';
import { killProcess, restarted } from '../helpers/processes.js';
import { appHost, edgeGet, listObjects } from '../helpers/edge.js';
import { staticSiteFiles } from '../helpers/static-site.js';
import { TEST_BASE_IMAGE } from '../helpers/base-image.js';
import { until } from '../helpers/wait.js';

const faults = () => join(inject('dataDir'), 'faults');

describe('crash recovery', () => {
  const repo = new FixtureRepo();
  let appId: string;
  let version = 0;
  let temporal: Client;
  let closeTemporal: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    repo.commit(busyboxApp({ body: 'v0\n' }));
    appId = (await createApp({ name: 'crash', gitUrl: repo.url, healthCheckPath: '/cgi-bin/health' })).id;
    expect((await waitForDeployment((await deploy(appId)).id)).status).toBe('LIVE');
    ({ client: temporal, close: closeTemporal } = await connectTemporal());
  });

  afterAll(async () => {
    await gql(`mutation($id: ID!) { deleteApp(id: $id) }`, { id: appId }).catch(() => undefined);
    await closeTemporal?.();
    repo.remove();
  });

  /** Deploys a new version with a pause after `step`'s work, runs `crash` there, and checks the outcome. */
  async function deployThroughCrash(step: string, crash: () => Promise<void>) {
    version++;
    repo.commit({ 'www/index.html': `v${version}\n` });
    const pause = join(faults(), `${appId}.${step}`);
    writeFileSync(pause, '');
    const { id } = await deploy(appId);
    await until(`${step} to finish its work`, () => existsSync(`${pause}.reached`));
    await crash();
    rmSync(pause);
    rmSync(`${pause}.reached`, { force: true });

    const d = await waitForDeployment(id, 120_000);
    expect(d.error).toBeNull();
    expect(d.status).toBe('LIVE');
    expect(d.steps.find((s) => s.name === step)!.attempt).toBeGreaterThanOrEqual(1);
    // exactly one container, for this release, and the route on it
    const containers = await containersOfApp(appId);
    expect(containers.map((c) => `${c.Labels['dev.paas.deployment']} ${c.State}`)).toEqual([`${id} running`]);
    expect(await viaEdge('crash')).toEqual({ status: 200, body: `v${version}\n` });
    // no orphan network of the app, and the projection agrees with the workflow
    const networks = await docker.listNetworks({ filters: { label: [`dev.paas.app=${appId}`] } });
    expect(networks.map((n) => n.Name)).toEqual(['paas-app-crash']);
    const state = await temporal.workflow.getHandle(d.workflowId).query(deploymentStateQuery);
    expect(state.status).toBe(d.status);
    expect(state.steps.map((s) => `${s.name}:${s.status}`)).toEqual(d.steps.map((s) => `${s.name}:${s.status}`));
    return d;
  }

  for (const step of ['CLONE', 'BUILD', 'PUSH', 'RUN', 'VERIFY', 'ROUTE', 'RETIRE']) {
    it(`the worker killed right after ${step} did its work: the deployment finishes once`, async () => {
      const d = await deployThroughCrash(step, async () => {
        const pid = killProcess('worker');
        await restarted('worker', pid);
      });
      expect(d.steps.find((s) => s.name === step)!.attempt).toBeGreaterThanOrEqual(2); // the step ran again, without repeating its effect
    });
  }

  it('the Temporal server killed during a build: the deployment finishes after it restarts', async () => {
    await deployThroughCrash('BUILD', async () => {
      const pid = killProcess('temporal');
      await restarted('temporal', pid);
    });
  });

  it('the gateway killed during a deployment: the deployment is unaffected and the API comes back', async () => {
    await deployThroughCrash('VERIFY', async () => {
      const pid = killProcess('gateway');
      await restarted('gateway', pid);
      await until('the gateway to answer', async () => (await fetch(`${inject('gatewayUrl')}/healthz`).catch(() => undefined))?.status === 200);
    });
  });
});

describe('crash recovery of a STATIC deployment', () => {
  const repo = new FixtureRepo();
  let appId: string;
  let version = 0;

  beforeAll(async () => {
    repo.commit(staticSiteFiles({ marker: 'crash site v0' }));
    const app = await createApp({ name: 'crash-site', kind: 'STATIC', gitUrl: repo.url, buildImage: TEST_BASE_IMAGE, buildCommand: 'sh build.sh' });
    appId = app.id;
    expect((await waitForDeployment((await deploy(appId)).id)).status).toBe('LIVE');
  });

  afterAll(async () => {
    await gql(`mutation($id: ID!) { deleteApp(id: $id) }`, { id: appId }).catch(() => undefined);
    repo.remove();
  });

  for (const step of ['CLONE', 'BUILD', 'UPLOAD', 'VERIFY', 'ROUTE', 'RETIRE']) {
    it(`the worker killed right after ${step} did its work: the site is published once, nothing left behind`, async () => {
      version++;
      repo.commit(staticSiteFiles({ marker: `crash site v${version}` }));
      const pause = join(faults(), `${appId}.${step}`);
      writeFileSync(pause, '');
      const { id } = await deploy(appId);
      await until(`${step} to finish its work`, () => existsSync(`${pause}.reached`));
      const pid = killProcess('worker');
      await restarted('worker', pid);
      rmSync(pause);
      rmSync(`${pause}.reached`, { force: true });

      const d = await waitForDeployment(id, 120_000);
      expect(d.error).toBeNull();
      expect(d.status).toBe('LIVE');
      expect(d.steps.find((s) => s.name === step)!.attempt).toBeGreaterThanOrEqual(2);
      expect((await edgeGet(appHost('crash-site'), '/')).text).toContain(`<h1>crash site v${version}</h1>`);
      // the release's files once (7 files and the manifest), no build container, no staging files, no preview route
      expect(await listObjects(`sites/${appId}/${id}/`)).toHaveLength(8);
      expect(await containersOfApp(appId)).toEqual([]);
      expect(existsSync(join(inject('dataDir'), 'work', `${id}.site`))).toBe(false);
      expect(readFileSync(join(inject('dataDir'), 'edge', 'routes.map'), 'utf8')).not.toContain('preview-');
    });
  }
});
