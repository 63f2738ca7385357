// The saga's ordering, with fake activities on the real Temporal server of the test stack:
// which compensations run, in which order, and what the projection is told.
import { Client, Connection } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { bundleWorkflowCode, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { DeploymentPlan, PlatformActivities } from '@paas/activities';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

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

function fakeActivities(calls: Calls, p: DeploymentPlan, failAt?: string): Partial<PlatformActivities> {
  const step = (name: string, result: unknown) => async () => {
    calls.push(name);
    if (failAt === name) throw ApplicationFailure.nonRetryable(`${name} broke`, 'Fake');
    return result;
  };
  return {
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
    restoreRoute: async (_p, before) => void calls.push(`undo route → ${before}`),
    removeRelease: async (_id, name) => void calls.push(`undo run ${name}`),
    removeBuiltImage: async (tag) => void calls.push(`undo build ${tag}`),
    cleanupWorkspace: async () => void calls.push('cleanup'),
    // STATIC
    buildSite: step('build site', { files: 3, bytes: 100 }) as never,
    unpackSiteUpload: step('unpack upload', { files: 3, bytes: 100 }) as never,
    uploadSite: step('upload', { files: 3, bytes: 100 }) as never,
    verifySite: step('verify site', undefined) as never,
    publishSite: step('publish', p.site?.previousReleaseId ?? null) as never,
    retireSiteReleases: step('retire sites', undefined) as never,
    discardSiteUpload: async () => void calls.push('undo upload'),
    discardSiteRelease: async () => void calls.push('undo verify'),
    restoreSite: async (_p, before) => void calls.push(`undo publish → ${before}`),
    cleanupSiteWork: async () => void calls.push('cleanup site work'),
  };
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

  async function run(p: DeploymentPlan, failAt?: string) {
    const calls: Calls = [];
    const taskQueue = `saga-test-${randomUUID()}`;
    const { NativeConnection } = await import('@temporalio/worker');
    const nc = await NativeConnection.connect({ address: inject('temporalAddress') });
    const worker = await Worker.create({ connection: nc, taskQueue, workflowBundle: bundle, activities: fakeActivities(calls, p, failAt) });
    const client = new Client({ connection });
    const result = await worker.runUntil(
      client.workflow.execute('deployAppWorkflow', { taskQueue, workflowId: `saga-${randomUUID()}`, args: [{ appId: 'a1', deploymentId: 'd1' }] }),
    );
    await nc.close();
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
});
