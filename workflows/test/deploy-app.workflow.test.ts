// The saga's ordering, with fake activities on the real Temporal server of the test stack:
// which compensations run, in which order, and what the projection is told.
import { Client, Connection } from '@temporalio/client';
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { bundleWorkflowCode, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { DeploymentPlan, PlatformActivities } from '@paas/activities';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { recordHistory } from '../../tests/helpers/histories.js';

const plan = (previous: DeploymentPlan['previous']): DeploymentPlan => ({
  deploymentId: 'd1',
  appId: 'a1',
  appName: 'web',
  host: 'web.localhost',
  gitUrl: 'file:///repo',
  branch: 'main',
  requestedSha: null,
  rootDirectory: '.',
  dockerfilePath: 'Dockerfile',
  port: 8080,
  healthCheckPath: '/',
  imageTag: 'reg/paas/web:d1',
  containerName: 'paas-web-d1',
  network: 'paas-app-web',
  previous,
  rollback: null,
  timing: { buildTimeoutMs: 1000, healthTimeoutMs: 1000, healthSuccesses: 1, healthIntervalMs: 10, retireGraceMs: 10, stopTimeoutSec: 1 },
});

type Calls = string[];

interface Faults {
  /** Undos (by their call label, e.g. 'undo run') that throw. */
  failUndo?: string[];
  /** A step that runs until its workflow is gone (heartbeating), so a test can terminate it. */
  hangAt?: string;
}

function fakeActivities(calls: Calls, p: DeploymentPlan, failAt?: string, faults: Faults = {}): Partial<PlatformActivities> {
  const step = (name: string, result: unknown) => async () => {
    calls.push(name);
    if (failAt === name) throw ApplicationFailure.nonRetryable(`${name} broke`, 'Fake');
    if (faults.hangAt === name) {
      for (;;) {
        Context.current().heartbeat();
        await Context.current().sleep(200); // rejects once the workflow is gone
      }
    }
    return result;
  };
  const undo = (label: string) => {
    calls.push(label);
    if (faults.failUndo?.some((f) => label.startsWith(f))) throw ApplicationFailure.nonRetryable(`${label.split(' ').slice(0, 2).join(' ')} broke`, 'Fake');
  };
  const base: Partial<PlatformActivities> = {
    planDeployment: async () => p,
    recordStep: async (_id, stepName, status) => void calls.push(`step ${stepName} ${status}`),
    recordStatus: async (_id, status) => void calls.push(`status ${status}`),
    markLive: async () => void calls.push('markLive'),
    markFinished: async (_id, status, error) => void calls.push(`finished ${status}: ${error}`),
    cloneRepository: step('clone', 'abc123') as never,
    buildImage: step('build', 'sha256:img') as never,
    pushImage: step('push', 'reg/paas/web@sha256:1') as never,
    runRelease: step('run', '127.0.0.1:30000') as never,
    verifyRelease: step('verify', undefined) as never,
    switchRoute: step('route', '127.0.0.1:20000') as never,
    retireOldReleases: step('retire', undefined) as never,
    recordSkippedSteps: async (_id, steps) => void calls.push(`skipped ${steps.join(',')}`),
    restoreRoute: async (_p, before) => undo(`undo route → ${before}`),
    removeRelease: async (_id, name) => undo(`undo run ${name}`),
    removeBuiltImage: async (tag) => undo(`undo build ${tag}`),
    finishIfUnfinished: async (id, status, error) => {
      calls.push(`finishIfUnfinished ${id} ${status}: ${error}`);
      return true;
    },
    cleanupWorkspace: async () => void calls.push('cleanup'),
    // STATIC
    buildSite: step('build site', { files: 3, bytes: 100 }) as never,
    unpackSiteUpload: step('unpack upload', { files: 3, bytes: 100 }) as never,
    uploadSite: step('upload', { files: 3, bytes: 100 }) as never,
    verifySite: step('verify site', undefined) as never,
    publishSite: step('publish', p.site?.previousReleaseId ?? null) as never,
    retireSiteReleases: step('retire sites', undefined) as never,
    discardSiteUpload: async () => undo('undo upload'),
    discardSiteRelease: async () => undo('undo verify'),
    restoreSite: async (_p, before) => undo(`undo publish → ${before}`),
    cleanupSiteWork: async () => void calls.push('cleanup site work'),
  };
  return base;
}

const sitePlan = (site: Partial<NonNullable<DeploymentPlan['site']>> = {}): DeploymentPlan => ({
  ...plan(null),
  kind: 'STATIC',
  site: {
    releaseId: 'd1',
    prefix: 'sites/a1/d1/',
    restoring: false,
    previewHost: 'preview-d1.localhost',
    upstream: '127.0.0.1:8081',
    buildImage: 'node:22',
    buildCommand: 'npm run build',
    outputDirectory: 'dist',
    spaFallback: false,
    uploadId: null,
    previousReleaseId: 'd0',
    ...site,
  },
});

describe('deployAppWorkflow saga', () => {
  let connection: Connection;
  let bundle: WorkflowBundleWithSourceMap;

  beforeAll(async () => {
    connection = await Connection.connect({ address: inject('temporalAddress') });
    bundle = await bundleWorkflowCode({ workflowsPath: fileURLToPath(import.meta.resolve('@paas/workflows')), logger: { info() {}, warn() {}, error: console.error, debug() {}, trace() {}, log() {} } as never });
  });
  afterAll(async () => connection?.close());

  async function run(p: DeploymentPlan, failAt?: string, faults: Faults = {}, recordAs?: string) {
    const calls: Calls = [];
    const taskQueue = `saga-test-${randomUUID()}`;
    const { NativeConnection } = await import('@temporalio/worker');
    const nc = await NativeConnection.connect({ address: inject('temporalAddress') });
    const worker = await Worker.create({ connection: nc, taskQueue, workflowBundle: bundle, activities: fakeActivities(calls, p, failAt, faults) });
    const client = new Client({ connection });
    const workflowId = `saga-${randomUUID()}`;
    const result = await worker.runUntil(client.workflow.execute('deployAppWorkflow', { taskQueue, workflowId, args: [{ appId: 'a1', deploymentId: 'd1' }] }));
    await nc.close();
    if (recordAs) await recordHistory(workflowId, recordAs);
    return { calls, result };
  }

  it('runs every step in order, goes LIVE, then retires the previous release', async () => {
    const { calls, result } = await run(plan({ deploymentId: 'd0', containerName: 'paas-web-d0', upstream: '127.0.0.1:20000' }));
    expect(calls).toEqual(['clone', 'build', 'push', 'run', 'verify', 'route', 'markLive', 'step RETIRE RUNNING', 'retire', 'cleanup']);
    expect(result.status).toBe('LIVE');
    expect(result.steps.every((s: { status: string }) => s.status === 'SUCCEEDED')).toBe(true);
  });

  it('a first deployment skips RETIRE', async () => {
    const { calls, result } = await run(plan(null));
    expect(calls).toContain('step RETIRE SKIPPED');
    expect(result.status).toBe('LIVE');
  });

  it('a ROUTE failure restores the previous route, removes the new release and its image, in reverse order', async () => {
    const { calls, result } = await run(plan({ deploymentId: 'd0', containerName: 'paas-web-d0', upstream: '127.0.0.1:20000' }), 'route');
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
    const p = { ...plan({ deploymentId: 'd0', containerName: 'paas-web-d0', upstream: '127.0.0.1:20000' }), rollback: { sourceDeploymentId: 'dX', imageRef: 'reg/paas/web@sha256:old' } };
    const { calls, result } = await run(p);
    expect(calls).toEqual(['skipped CLONE,BUILD,PUSH', 'run', 'verify', 'route', 'markLive', 'step RETIRE RUNNING', 'retire', 'cleanup']);
    expect(result.status).toBe('LIVE');
  });

  it('a BUILD failure runs nothing after it and removes the partial image', async () => {
    const { calls, result } = await run(plan(null), 'build');
    expect(calls).not.toContain('push');
    expect(calls).not.toContain('run');
    expect(calls).toContain('undo build reg/paas/web:d1');
    expect(calls).toContain('step PUSH SKIPPED');
    expect(result.error).toBe('BUILD failed: build broke');
  });

  describe('STATIC apps', () => {
    it('builds, uploads, verifies, publishes, cleans up before LIVE, then retires old releases', async () => {
      const { calls, result } = await run(sitePlan());
      expect(calls).toEqual(['clone', 'build site', 'upload', 'verify site', 'publish', 'cleanup site work', 'markLive', 'retire sites', 'cleanup']);
      expect(result.status).toBe('LIVE');
      expect(result.steps.map((s: { name: string }) => s.name)).toEqual(['CLONE', 'BUILD', 'UPLOAD', 'VERIFY', 'ROUTE', 'RETIRE']);
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
      const { calls, result } = await run(sitePlan(), 'publish');
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
      const { calls } = await run(sitePlan(), 'verify site');
      expect(calls).not.toContain('publish');
      expect(calls.some((c) => c.startsWith('undo publish'))).toBe(false);
      expect(calls).toContain('undo upload');
    });
  });

  describe('every deployment reaches a final state', () => {
    const previous = { deploymentId: 'd0', containerName: 'paas-web-d0', upstream: '127.0.0.1:20000' };
    const noStepRunning = (result: { steps: { status: string }[] }) => result.steps.every((s) => s.status !== 'RUNNING' && s.status !== 'PENDING');

    it('a failed undo is recorded, the remaining undos still run, and the deployment ends FAILED naming both', async () => {
      const { calls, result } = await run(plan(previous), 'verify', { failUndo: ['undo run'] }, 'deploy-app-undo-failed');
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
      expect(result.steps.find((s: { name: string }) => s.name === 'RUN')?.status).toBe('FAILED');
      expect(noStepRunning(result)).toBe(true);
    });

    it('every undo failing still ends FAILED, with each failure in the error', async () => {
      const { result } = await run(plan(previous), 'route', { failUndo: ['undo route', 'undo run', 'undo build'] });
      expect(result.status).toBe('FAILED');
      expect(result.error).toBe(
        'ROUTE failed: route broke; undoing ROUTE also failed: undo route broke; undoing RUN also failed: undo run broke; undoing BUILD also failed: undo build broke',
      );
      expect(noStepRunning(result)).toBe(true);
    });

    it('a STATIC undo that fails is recorded too; the site work is still cleaned up', async () => {
      const { calls, result } = await run(sitePlan(), 'publish', { failUndo: ['undo verify'] });
      expect(calls).toContain('undo upload');
      expect(calls).toContain('cleanup site work');
      expect(result.error).toBe('ROUTE failed: publish broke; undoing VERIFY also failed: undo verify broke');
      expect(noStepRunning(result)).toBe(true);
    });

    it('a SERVICE RETIRE failure after LIVE is recorded on the step; the deployment stays LIVE', async () => {
      const { calls, result } = await run(plan(previous), 'retire', {}, 'deploy-app-retire-failed');
      expect(result.status).toBe('LIVE');
      expect(result.steps.find((s: { name: string }) => s.name === 'RETIRE')?.status).toBe('FAILED');
      expect(calls.slice(calls.indexOf('retire'))).toEqual(['retire', 'step RETIRE FAILED', 'cleanup']);
    });

    it('a STATIC RETIRE failure after LIVE is recorded on the step instead of being left RUNNING', async () => {
      const { calls, result } = await run(sitePlan(), 'retire sites', {}, 'deploy-static-site-retire-failed');
      expect(result.status).toBe('LIVE');
      expect(result.steps.find((s: { name: string }) => s.name === 'RETIRE')?.status).toBe('FAILED');
      expect(calls.slice(calls.indexOf('retire sites'))).toEqual(['retire sites', 'step RETIRE FAILED', 'cleanup']);
      expect(noStepRunning(result)).toBe(true);
    });

    it("the app's deployer marks a deployment FAILED when the deployment's own workflow is terminated", async () => {
      const calls: Calls = [];
      const deploymentId = randomUUID();
      const taskQueue = `saga-test-${randomUUID()}`;
      const { NativeConnection } = await import('@temporalio/worker');
      const nc = await NativeConnection.connect({ address: inject('temporalAddress') });
      const worker = await Worker.create({ connection: nc, taskQueue, workflowBundle: bundle, activities: fakeActivities(calls, plan(previous), undefined, { hangAt: 'verify' }) });
      const client = new Client({ connection });
      const deployer = await client.workflow.start('appDeployerWorkflow', {
        taskQueue,
        workflowId: `saga-deployer-${randomUUID()}`,
        args: [{ appId: 'a1', pending: [{ deploymentId }] }],
      });
      await worker.runUntil(async () => {
        const deadline = Date.now() + 60_000;
        const waitFor = async (what: string, ok: () => boolean) => {
          while (!ok()) {
            if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${calls.join(' | ')}`);
            await new Promise((r) => setTimeout(r, 100));
          }
        };
        await waitFor('verify', () => calls.includes('verify'));
        await client.workflow.getHandle(`deploy-${deploymentId}`).terminate('a test terminates it');
        await waitFor('the deployer to finish it', () => calls.some((c) => c.startsWith('finishIfUnfinished')));
        await deployer.terminate('test done');
      });
      await nc.close();
      await recordHistory(deployer.workflowId, 'app-deployer-child-terminated');
      expect(calls.filter((c) => c.startsWith('finishIfUnfinished'))).toEqual([
        `finishIfUnfinished ${deploymentId} FAILED: The deployment's workflow was terminated before it finished.`,
      ]);
    });
  });
});
