// The Kubernetes pipeline's order of steps and undos, with fake activities on TestWorkflowEnvironment:
// the image steps shared with Docker, the undo of a rollout that did not become ready, a rollback
// by digest, and the moves between Docker and Kubernetes (what RETIRE removes, and when).
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { DeploymentPlan } from '@paas/activities';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeActivities, kubernetesPlan, plan, type Calls, type Faults } from './fake-activities.js';
import { createTimeSkippingEnv } from './time-skipping-env.js';
import { bundleWorkflows, runDeployment, type TemporalTestEnv } from './workflow-harness.js';

const onKubernetes = { deploymentId: 'd0', containerName: 'k8s:paas-team-t1/web', upstream: '10.96.0.10:8080' };
const onDocker = { deploymentId: 'd0', containerName: 'paas-web-d0', upstream: '127.0.0.1:20000' };

describe('Kubernetes pipeline', () => {
  let testEnv: TestWorkflowEnvironment;
  let env: TemporalTestEnv;
  let bundle: WorkflowBundleWithSourceMap;

  beforeAll(async () => {
    [testEnv, bundle] = await Promise.all([createTimeSkippingEnv(), bundleWorkflows()]);
    env = { client: testEnv.client, nativeConnection: testEnv.nativeConnection };
  });
  afterAll(async () => {
    await testEnv?.teardown();
  });

  async function run(p: DeploymentPlan, faults: Faults = {}) {
    const calls: Calls = [];
    const { result } = await runDeployment(env, bundle, fakeActivities(calls, p, faults), 'k8s');
    return { calls, result };
  }

  it('builds and pushes as on Docker, applies the pushed digest, waits for the rollout, routes, goes LIVE, then retires', async () => {
    const { calls, result } = await run(kubernetesPlan(onKubernetes));
    expect(calls).toEqual([
      'build slot',
      'clone',
      'build',
      'push',
      'free build slot',
      'k8s run reg/paas/web@sha256:1',
      'k8s verify',
      'route',
      'markLive',
      'k8s retire',
      'retire',
      'cleanup',
    ]);
    expect(result.status).toBe('LIVE');
    expect(result.steps.every((s) => s.status === 'SUCCEEDED')).toBe(true);
  });

  it('a rollout that does not become ready is undone (the previous pods keep serving) and the route is never touched', async () => {
    const { calls, result } = await run(kubernetesPlan(onKubernetes), { failAt: 'k8s verify' });
    expect(calls.slice(calls.indexOf('k8s verify'))).toEqual([
      'k8s verify',
      'step VERIFY FAILED',
      'undo k8s run',
      'step RUN COMPENSATED',
      'undo build reg/paas/web:d1',
      'step BUILD COMPENSATED',
      'step ROUTE SKIPPED',
      'step RETIRE SKIPPED',
      'finished FAILED: VERIFY failed: k8s verify broke',
      'cleanup',
    ]);
    expect(calls).not.toContain('route');
    expect(result).toMatchObject({ status: 'FAILED', error: 'VERIFY failed: k8s verify broke' });
  });

  it('a rollback applies the earlier image by digest without building', async () => {
    const p = kubernetesPlan(onKubernetes, { rollback: { sourceDeploymentId: 'dX', imageRef: 'reg/paas/web@sha256:old' } });
    const { calls, result } = await run(p);
    expect(calls).toEqual([
      'skipped CLONE,BUILD,PUSH',
      'k8s run reg/paas/web@sha256:old',
      'k8s verify',
      'route',
      'markLive',
      'k8s retire',
      'retire',
      'cleanup',
    ]);
    expect(result.status).toBe('LIVE');
  });

  it('from Docker: the container stops only after the route switched and the grace period passed', async () => {
    const { calls, result } = await run(kubernetesPlan(onDocker));
    expect(calls.slice(calls.indexOf('route'))).toEqual(['route', 'markLive', 'step RETIRE RUNNING', 'k8s retire', 'retire', 'cleanup']);
    expect(result.status).toBe('LIVE');
  });

  it("back to Docker: the app's Kubernetes objects go after the route switched", async () => {
    const { calls, result } = await run(plan(onKubernetes));
    expect(calls.slice(calls.indexOf('route'))).toEqual(['route', 'markLive', 'step RETIRE RUNNING', 'remove k8s:paas-team-t1/web', 'retire', 'cleanup']);
    expect(result.status).toBe('LIVE');
  });
});
