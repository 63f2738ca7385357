// Fake activities for workflow tests, typed against the real activity interface: a fake whose
// name or signature no longer matches PlatformActivities fails type-checking, not a test run.
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { DeploymentPlan, PlatformActivities } from '@paas/activities';

/** What the workflow asked for, in order, as short labels the tests compare. */
export type Calls = string[];

export interface Faults {
  /** The step (by its call label, e.g. 'route') that fails, not retryable. */
  failAt?: string;
  /** Undos (by their call label, e.g. 'undo run') that throw. */
  failUndo?: string[];
  /** A step that runs until its workflow is gone (heartbeating), so a test can cancel or terminate it. */
  hangAt?: string;
  /** planDeployment fails: the deployment or its app is gone. */
  planFails?: string;
  /** acquireBuildSlot finds no free slot this many times (the team's other builds hold them). */
  busySlots?: number;
  /** Where the commit statuses the workflow posts are written ("<state>: <description>"), kept apart from the step calls. */
  statuses?: string[];
  /** postCommitStatus fails (retryable) every time. */
  statusFails?: boolean;
  /** Where the notification workflow's requests are written ("<topic> <deployment id>"), apart from the step calls. */
  notifications?: string[];
}

export function fakeActivities(calls: Calls, p: DeploymentPlan, faults: Faults = {}): Partial<PlatformActivities> {
  const step = async <T>(name: string, result: T): Promise<T> => {
    calls.push(name);
    if (faults.failAt === name) throw ApplicationFailure.nonRetryable(`${name} broke`, 'Fake');
    if (faults.hangAt === name) {
      for (;;) {
        Context.current().heartbeat();
        await Context.current().sleep(200); // rejects once the workflow is gone or cancels it
      }
    }
    return result;
  };
  const undo = async (label: string): Promise<void> => {
    calls.push(label);
    if (faults.failUndo?.some((f) => label.startsWith(f))) throw ApplicationFailure.nonRetryable(`${label.split(' ').slice(0, 2).join(' ')} broke`, 'Fake');
  };
  const sites = { files: 3, bytes: 100 };
  return {
    planDeployment: async () => {
      if (faults.planFails) throw ApplicationFailure.nonRetryable(faults.planFails, 'NotFound');
      return p;
    },
    recordStep: async (_id, stepName, status) => void calls.push(`step ${stepName} ${status}`),
    recordSkippedSteps: async (_id, steps) => void calls.push(`skipped ${steps.join(',')}`),
    markLive: async () => void calls.push('markLive'),
    postCommitStatus: async ({ state, description }) => {
      if (faults.statusFails) throw ApplicationFailure.retryable('the forge is down', 'CommitStatusFailed');
      faults.statuses?.push(`${state}: ${description}`);
      return { posted: true, detail: 'fake' };
    },
    recordCommitStatusFailure: async (_id, message) => void faults.statuses?.push(`recorded: ${message}`),
    markFinished: async (_id, status, error) => void calls.push(`finished ${status}: ${error}`),
    finishIfUnfinished: async (id, status, error) => {
      calls.push(`finishIfUnfinished ${id} ${status}: ${error}`);
      return true;
    },
    // the team's build queue: a slot before building, freed once the result is stored
    acquireBuildSlot: async () => {
      calls.push('build slot');
      if ((faults.busySlots ?? 0) > 0) {
        faults.busySlots!--;
        throw ApplicationFailure.retryable('Waiting for a build slot', 'BuildSlotBusy');
      }
    },
    releaseBuildSlot: async () => void calls.push('free build slot'),
    cloneRepository: () => step('clone', 'abc123'),
    cleanupWorkspace: async () => void calls.push('cleanup'),
    // SERVICE on Docker
    buildImage: () => step('build', 'sha256:img'),
    pushImage: () => step('push', 'reg/paas/web@sha256:1'),
    runRelease: () => step('run', '127.0.0.1:30000'),
    verifyRelease: () => step('verify', undefined),
    switchRoute: () => step('route', '127.0.0.1:20000'),
    retireOldReleases: () => step('retire', undefined),
    restoreRoute: (_p, before) => undo(`undo route → ${before}`),
    removeRelease: (_id, name) => undo(`undo run ${name}`),
    removeBuiltImage: (tag) => undo(`undo build ${tag}`),
    // SERVICE on Kubernetes
    applyKubernetesRelease: (_p, imageRef) => step(`k8s run ${imageRef}`, '10.96.0.10:8080'),
    verifyKubernetesRollout: () => step('k8s verify', undefined),
    retireKubernetesRelease: () => step('k8s retire', undefined),
    undoKubernetesRelease: () => undo('undo k8s run'),
    removeKubernetesRelease: async (_id, _app, release) => void calls.push(`remove ${release}`),
    // STATIC
    buildSite: () => step('build site', sites),
    unpackSiteUpload: () => step('unpack upload', sites),
    uploadSite: () => step('upload', sites),
    verifySite: () => step('verify site', undefined),
    publishSite: () => step('publish', p.site?.previousReleaseId ?? null),
    retireSiteReleases: () => step('retire sites', undefined),
    discardSiteUpload: () => undo('undo upload'),
    discardSiteRelease: () => undo('undo verify'),
    restoreSite: (_p, before) => undo(`undo publish → ${before}`),
    cleanupSiteWork: async () => void calls.push('cleanup site work'),
    // the deployment starts its notification workflow (and does not wait for it)
    startNotifications: async ({ topic, deploymentId }) => void faults.notifications?.push(`${topic} ${deploymentId}`),
  };
}

export const plan = (previous: DeploymentPlan['previous']): DeploymentPlan => ({
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

export const sitePlan = (site: Partial<NonNullable<DeploymentPlan['site']>> = {}): DeploymentPlan => ({
  ...plan(null),
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

export const kubernetesPlan = (previous: DeploymentPlan['previous'], rest: Partial<DeploymentPlan> = {}): DeploymentPlan => ({
  ...plan(previous),
  kubernetes: { namespace: 'paas-team-t1', name: 'web', replicas: 2, autoscale: null, isolation: 'STANDARD' },
  ...rest,
});
