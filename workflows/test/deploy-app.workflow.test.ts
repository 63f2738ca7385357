// The saga's ordering, with fake activities on TestWorkflowEnvironment (time-skipping): which
// pipeline runs, which compensations run, in which order, and what the projection is told.
import type { Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { supersedeSignal, type DeploymentState } from '@paas/contracts';
import type { DeploymentPlan } from '@paas/activities';
import type { deployAppWorkflow } from '@paas/workflows';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordHistory } from '../../tests/helpers/histories.js';
import { fakeActivities, plan, sitePlan, type Calls, type Faults } from './fake-activities.js';
import { createTimeSkippingEnv } from './time-skipping-env.js';
import { bundleWorkflows, runDeployment, waitUntil, withWorker, type TemporalTestEnv } from './workflow-harness.js';

const previous = { deploymentId: 'd0', containerName: 'paas-web-d0', upstream: '127.0.0.1:20000' };
const SERVICE_STEPS_SKIPPED = ['CLONE', 'BUILD', 'PUSH', 'RUN', 'VERIFY', 'ROUTE', 'RETIRE'].map((s) => `step ${s} SKIPPED`);
const noStepRunning = (result: DeploymentState) => result.steps.every((s) => s.status !== 'RUNNING' && s.status !== 'PENDING');
const stepStatus = (result: DeploymentState, name: string) => result.steps.find((s) => s.name === name)?.status;

describe('deployAppWorkflow saga', () => {
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

  async function run(p: DeploymentPlan, faults: Faults = {}, recordAs?: string) {
    const calls: Calls = [];
    const { workflowId, result } = await runDeployment(env, bundle, fakeActivities(calls, p, faults), 'saga');
    if (recordAs) await recordHistory(workflowId, recordAs, env.client);
    return { calls, result };
  }

  /** Starts a deployment that hangs at `hangAt`, lets `interfere` act on it there, and waits for its outcome. */
  async function runInterrupted(p: DeploymentPlan, hangAt: string, interfere: (handle: ReturnType<Client['workflow']['getHandle']>) => Promise<unknown>) {
    const calls: Calls = [];
    const result = await withWorker(env, bundle, fakeActivities(calls, p, { hangAt }), async (taskQueue) => {
      const handle = await env.client.workflow.start<typeof deployAppWorkflow>('deployAppWorkflow', {
        taskQueue,
        workflowId: `saga-${randomUUID()}`,
        args: [{ appId: 'a1', deploymentId: 'd1' }],
      });
      await waitUntil(
        hangAt,
        () => calls.includes(hangAt),
        () => calls.join(' | '),
      );
      await interfere(handle);
      return handle.result();
    });
    return { calls, result };
  }

  it('runs every step in order, goes LIVE, then retires the previous release', async () => {
    const { calls, result } = await run(plan(previous));
    expect(calls).toEqual([
      'build slot',
      'clone',
      'build',
      'push',
      'free build slot',
      'run',
      'verify',
      'route',
      'markLive',
      'step RETIRE RUNNING',
      'retire',
      'cleanup',
    ]);
    expect(result.status).toBe('LIVE');
    expect(result.steps.every((s) => s.status === 'SUCCEEDED')).toBe(true);
  });

  it("waits in the team's build queue (the retry policy asks again) and builds once a slot is free", async () => {
    const { calls, result } = await run(plan(previous), { busySlots: 2 });
    expect(calls.slice(0, 4)).toEqual(['build slot', 'build slot', 'build slot', 'clone']);
    expect(result.status).toBe('LIVE');
  });

  it('a first deployment skips RETIRE', async () => {
    const { calls, result } = await run(plan(null));
    expect(calls).toContain('step RETIRE SKIPPED');
    expect(result.status).toBe('LIVE');
  });

  it('a ROUTE failure restores the previous route, removes the new release and its image, in reverse order', async () => {
    const { calls, result } = await run(plan(previous), { failAt: 'route' });
    const tail = calls.slice(calls.indexOf('route'));
    expect(tail).toEqual([
      'route',
      'step ROUTE FAILED',
      'undo route → 127.0.0.1:20000',
      'undo run paas-web-d1',
      'step RUN COMPENSATED',
      'undo build reg/paas/web:d1',
      'step BUILD COMPENSATED',
      'step RETIRE SKIPPED',
      'finished FAILED: ROUTE failed: route broke',
      'cleanup',
    ]);
    expect(result).toMatchObject({ status: 'FAILED', error: 'ROUTE failed: route broke' });
    expect(calls).not.toContain('markLive');
  });

  it('a rollback skips clone, build and push and runs the earlier image', async () => {
    const p = { ...plan(previous), rollback: { sourceDeploymentId: 'dX', imageRef: 'reg/paas/web@sha256:old' } };
    const { calls, result } = await run(p);
    expect(calls).toEqual(['skipped CLONE,BUILD,PUSH', 'run', 'verify', 'route', 'markLive', 'step RETIRE RUNNING', 'retire', 'cleanup']);
    expect(result.status).toBe('LIVE');
  });

  it('a BUILD failure runs nothing after it and removes the partial image', async () => {
    const { calls, result } = await run(plan(null), { failAt: 'build' });
    expect(calls).not.toContain('push');
    expect(calls).not.toContain('run');
    expect(calls).toContain('undo build reg/paas/web:d1');
    expect(calls).toContain('step PUSH SKIPPED');
    expect(result.error).toBe('BUILD failed: build broke');
  });

  describe('commit statuses', () => {
    it('posts pending at the start and success once LIVE', async () => {
      const statuses: string[] = [];
      const { calls, result } = await run(plan(previous), { statuses }, 'deploy-app-commit-statuses');
      expect(result.status).toBe('LIVE');
      expect(statuses).toEqual(['pending: Deploying…', 'success: Deployed: the release is live.']);
      expect(calls).toContain('retire');
    });

    it('a failed deployment posts failure with its error', async () => {
      const statuses: string[] = [];
      const { result } = await run(plan(previous), { failAt: 'verify', statuses });
      expect(result.status).toBe('FAILED');
      expect(statuses[0]).toBe('pending: Deploying…');
      expect(statuses[1]).toMatch(/^failure: Deployment failed: VERIFY failed: verify broke/);
      expect(statuses).toHaveLength(2);
    });

    it('a forge that never answers changes nothing: the deployment goes LIVE, each failure is recorded after the bounded retries', async () => {
      const statuses: string[] = [];
      const { calls, result } = await run(plan(previous), { statusFails: true, statuses }, 'deploy-app-commit-status-unposted');
      expect(result.status).toBe('LIVE');
      expect(calls).toContain('markLive');
      expect(statuses).toHaveLength(2);
      expect(statuses[0]).toMatch(/^recorded: could not post pending: /);
      expect(statuses[1]).toMatch(/^recorded: could not post success: /);
    });
  });

  describe('notifications', () => {
    it('a deployment that went LIVE starts its notification workflow before the retire grace', async () => {
      const notifications: string[] = [];
      const { calls, result } = await run(plan(previous), { notifications }, 'deploy-app-notifications');
      expect(result.status).toBe('LIVE');
      expect(calls).toContain('retire');
      expect(notifications).toEqual(['deployment d1']);
    });

    it('a failed deployment starts it too', async () => {
      const notifications: string[] = [];
      const { result } = await run(plan(previous), { failAt: 'verify', notifications });
      expect(result.status).toBe('FAILED');
      expect(notifications).toEqual(['deployment d1']);
    });

    it('a cancelled deployment announces nothing', async () => {
      const notifications: string[] = [];
      const calls: Calls = [];
      const result = await withWorker(env, bundle, fakeActivities(calls, plan(previous), { hangAt: 'build', notifications }), async (taskQueue) => {
        const handle = await env.client.workflow.start<typeof deployAppWorkflow>('deployAppWorkflow', {
          taskQueue,
          workflowId: `saga-${randomUUID()}`,
          args: [{ appId: 'a1', deploymentId: 'd1' }],
        });
        await waitUntil(
          'build',
          () => calls.includes('build'),
          () => calls.join(' | '),
        );
        await handle.cancel();
        return handle.result();
      });
      expect(result.status).toBe('CANCELLED');
      expect(notifications).toEqual([]);
    });
  });

  describe('STATIC apps', () => {
    it('builds, uploads, verifies, publishes, cleans up before LIVE, then retires old releases', async () => {
      const { calls, result } = await run(sitePlan());
      expect(calls).toEqual([
        'build slot',
        'clone',
        'build site',
        'free build slot',
        'upload',
        'verify site',
        'publish',
        'cleanup site work',
        'markLive',
        'retire sites',
        'cleanup',
      ]);
      expect(result.status).toBe('LIVE');
      expect(result.steps.map((s) => s.name)).toEqual(['CLONE', 'BUILD', 'UPLOAD', 'VERIFY', 'ROUTE', 'RETIRE']);
    });

    it('an uploaded archive skips the clone', async () => {
      const { calls } = await run(sitePlan({ uploadId: 'u1', buildCommand: null }));
      expect(calls.slice(0, 3)).toEqual(['skipped CLONE', 'unpack upload', 'upload']);
    });

    it('a rollback skips clone, build and upload: verify and publish only', async () => {
      const { calls } = await run(sitePlan({ restoring: true, releaseId: 'd0-old', prefix: 'sites/a1/d0-old/' }));
      expect(calls).toEqual(['skipped CLONE,BUILD,UPLOAD', 'verify site', 'publish', 'cleanup site work', 'markLive', 'retire sites', 'cleanup']);
    });

    it('a publish failure points the host back, discards the release and its objects, in reverse order, before reporting', async () => {
      const { calls, result } = await run(sitePlan(), { failAt: 'publish' });
      expect(calls.slice(calls.indexOf('publish'))).toEqual([
        'publish',
        'step ROUTE FAILED',
        'undo publish → d0',
        'undo verify',
        'step VERIFY COMPENSATED',
        'undo upload',
        'step UPLOAD COMPENSATED',
        'step RETIRE SKIPPED',
        'cleanup site work',
        'finished FAILED: ROUTE failed: publish broke',
        'cleanup',
      ]);
      expect(result).toMatchObject({ status: 'FAILED', error: 'ROUTE failed: publish broke' });
    });

    it('a failed check leaves the live release alone: no publish, nothing to point back', async () => {
      const { calls } = await run(sitePlan(), { failAt: 'verify site' });
      expect(calls).not.toContain('publish');
      expect(calls.some((c) => c.startsWith('undo publish'))).toBe(false);
      expect(calls).toContain('undo upload');
    });
  });

  describe('hostile or interrupted runs leave nothing behind', () => {
    it('a plan that cannot be read (the deployment or its app is gone) runs no step, undoes nothing, skips every step and still removes the workspace', async () => {
      const { calls, result } = await run(plan(previous), { planFails: 'Deployment d1 does not exist.' });
      expect(calls).toEqual([...SERVICE_STEPS_SKIPPED, 'finished FAILED: Deployment d1 does not exist.', 'cleanup']);
      expect(result).toMatchObject({ status: 'FAILED', error: 'Deployment d1 does not exist.' });
      expect(noStepRunning(result)).toBe(true);
    });

    it('cancelled during BUILD: the partial image is removed, the steps after it are skipped, the deployment ends CANCELLED', async () => {
      const { calls, result } = await runInterrupted(plan(previous), 'build', (handle) => handle.cancel());
      expect(calls.slice(calls.indexOf('build'))).toEqual([
        'build',
        'step BUILD FAILED',
        'undo build reg/paas/web:d1',
        ...SERVICE_STEPS_SKIPPED.slice(2),
        'finished CANCELLED: The deployment was cancelled.',
        'cleanup',
      ]);
      expect(result).toMatchObject({ status: 'CANCELLED', error: 'The deployment was cancelled.' });
      expect(noStepRunning(result)).toBe(true);
    });

    it('superseded while building: stops, undoes, and says which deployment took over', async () => {
      const { calls, result } = await runInterrupted(sitePlan(), 'build site', (handle) => handle.signal(supersedeSignal, { byDeploymentId: 'd2' }));
      const reason = 'Superseded by a newer deployment (d2) while it was still building.';
      expect(calls.slice(calls.indexOf('build site'))).toEqual([
        'build site',
        'step BUILD FAILED',
        'step UPLOAD SKIPPED',
        'step VERIFY SKIPPED',
        'step ROUTE SKIPPED',
        'step RETIRE SKIPPED',
        'cleanup site work',
        `finished CANCELLED: ${reason}`,
        'cleanup',
      ]);
      expect(result).toMatchObject({ status: 'CANCELLED', error: reason });
      expect(calls).not.toContain('upload');
    });

    it('superseded during the retire grace period: stays LIVE, leaves retiring to the newer deployment', async () => {
      const p = plan(previous);
      p.timing = { ...p.timing, retireGraceMs: 10 * 60_000 };
      const { calls, result } = await runInterrupted(p, 'step RETIRE RUNNING', (handle) => handle.signal(supersedeSignal, { byDeploymentId: 'd2' }));
      expect(calls.slice(calls.indexOf('markLive'))).toEqual(['markLive', 'step RETIRE RUNNING', 'step RETIRE SKIPPED', 'cleanup']);
      expect(result.status).toBe('LIVE');
      expect(stepStatus(result, 'RETIRE')).toBe('SKIPPED');
    });
  });

  describe('every deployment reaches a final state', () => {
    it('a failed undo is recorded, the remaining undos still run, and the deployment ends FAILED naming both', async () => {
      const { calls, result } = await run(plan(previous), { failAt: 'verify', failUndo: ['undo run'] }, 'deploy-app-undo-failed');
      expect(calls.slice(calls.indexOf('verify'))).toEqual([
        'verify',
        'step VERIFY FAILED',
        'undo run paas-web-d1',
        'step RUN FAILED',
        'undo build reg/paas/web:d1',
        'step BUILD COMPENSATED',
        'step ROUTE SKIPPED',
        'step RETIRE SKIPPED',
        'finished FAILED: VERIFY failed: verify broke; undoing RUN also failed: undo run broke',
        'cleanup',
      ]);
      expect(result).toMatchObject({ status: 'FAILED', error: 'VERIFY failed: verify broke; undoing RUN also failed: undo run broke' });
      expect(stepStatus(result, 'RUN')).toBe('FAILED');
      expect(noStepRunning(result)).toBe(true);
    });

    it('every undo failing still ends FAILED, with each failure in the error', async () => {
      const { result } = await run(plan(previous), { failAt: 'route', failUndo: ['undo route', 'undo run', 'undo build'] });
      expect(result.status).toBe('FAILED');
      expect(result.error).toBe(
        'ROUTE failed: route broke; undoing ROUTE also failed: undo route broke; undoing RUN also failed: undo run broke; undoing BUILD also failed: undo build broke',
      );
      expect(noStepRunning(result)).toBe(true);
    });

    it('a STATIC undo that fails is recorded too; the site work is still cleaned up', async () => {
      const { calls, result } = await run(sitePlan(), { failAt: 'publish', failUndo: ['undo verify'] });
      expect(calls).toContain('undo upload');
      expect(calls).toContain('cleanup site work');
      expect(result.error).toBe('ROUTE failed: publish broke; undoing VERIFY also failed: undo verify broke');
      expect(noStepRunning(result)).toBe(true);
    });

    it('a SERVICE RETIRE failure after LIVE is recorded on the step; the deployment stays LIVE', async () => {
      const { calls, result } = await run(plan(previous), { failAt: 'retire' }, 'deploy-app-retire-failed');
      expect(result.status).toBe('LIVE');
      expect(stepStatus(result, 'RETIRE')).toBe('FAILED');
      expect(calls.slice(calls.indexOf('retire'))).toEqual(['retire', 'step RETIRE FAILED', 'cleanup']);
    });

    it('a STATIC RETIRE failure after LIVE is recorded on the step instead of being left RUNNING', async () => {
      const { calls, result } = await run(sitePlan(), { failAt: 'retire sites' }, 'deploy-static-site-retire-failed');
      expect(result.status).toBe('LIVE');
      expect(stepStatus(result, 'RETIRE')).toBe('FAILED');
      expect(calls.slice(calls.indexOf('retire sites'))).toEqual(['retire sites', 'step RETIRE FAILED', 'cleanup']);
      expect(noStepRunning(result)).toBe(true);
    });
  });
});
