// Every deployment reaches a final state, even when an undo fails: a release whose health check
// fails, and whose container cannot be removed (an injected fault: removeRelease throws), ends
// FAILED with an error naming both failures; the other undos still run; no step stays RUNNING.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { containersOfApp } from '../helpers/docker.js';
import { busyboxApp, FixtureRepo } from '../helpers/fixture-repo.js';
import { createApp, deploy, gql, viaEdge, waitForDeployment } from '../helpers/graphql.js';
import { until } from '../helpers/wait.js';

const faultsDir = join(inject('dataDir'), 'faults');
const repo = new FixtureRepo();
const faultFiles: string[] = [];
let appId: string | undefined;

afterAll(async () => {
  for (const f of faultFiles) rmSync(f, { force: true });
  if (appId) await gql(`mutation($id: ID!) { deleteApp(id: $id) }`, { id: appId }).catch(() => undefined);
  repo.remove();
});

describe('every deployment reaches a final state', () => {
  it('a failing undo is recorded, the remaining undos run, and the deployment ends FAILED naming both', async () => {
    repo.commit(busyboxApp({ health: 'fail' }), 'broken health');
    const app = await createApp({ name: 'final-state', gitUrl: repo.url, port: 8080, healthCheckPath: '/cgi-bin/health' });
    appId = app.id;
    const started = await deploy(app.id);
    // the RUN undo (removeRelease) of this deployment throws; it runs only after VERIFY failed
    const fault = join(faultsDir, `${started.id}.removeRelease.fail`);
    writeFileSync(fault, '');
    faultFiles.push(fault);

    const d = await waitForDeployment(started.id);
    expect(d.status).toBe('FAILED');
    expect(d.error).toMatch(/^VERIFY failed: Health check failed: .*; undoing RUN also failed: removeRelease failed \(injected fault\)$/);
    const steps = Object.fromEntries(d.steps.map((s) => [s.name, s.status]));
    expect(steps).toEqual({
      CLONE: 'SUCCEEDED',
      BUILD: 'COMPENSATED',
      PUSH: 'SUCCEEDED',
      RUN: 'FAILED',
      VERIFY: 'FAILED',
      ROUTE: 'SKIPPED',
      RETIRE: 'SKIPPED',
    });
    expect(d.steps.find((s) => s.name === 'RUN')?.message).toMatch(/Undo failed: removeRelease failed \(injected fault\)/);
    expect(d.finishedAt).not.toBeNull();
    // the failed release never took traffic
    expect((await viaEdge('final-state')).status).toBe(404);

    // the app is not stuck: a next deployment runs (and, the fault gone, undoes everything)
    rmSync(fault, { force: true });
    const next = await waitForDeployment((await deploy(app.id)).id);
    expect(next.status).toBe('FAILED');
    expect(next.error).not.toMatch(/undoing/);

    // what the failed undo left (the first release's container) goes with the app
    expect((await containersOfApp(app.id)).length).toBe(1);
    await gql(`mutation($id: ID!) { deleteApp(id: $id) }`, { id: app.id });
    appId = undefined;
    await until('the app to leave no container', async () => (await containersOfApp(app.id)).length === 0, 60_000);
  });
});
