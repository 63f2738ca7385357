// One deployment of an app. SERVICE: clone → build → push → run → verify → route → retire.
// STATIC: clone → build (or unpack an uploaded ZIP) → upload → verify → route → retire.
// A saga: each step that changes the world pushes its compensation first, and a failure (or a
// cancellation) runs them in reverse in a non-cancellable scope, so the previous release keeps
// serving. A rollback is the same path with the build skipped: it runs an earlier image, or
// points the site at an earlier prefix.
import { CancellationScope, isCancellation, patched, proxyActivities, proxyLocalActivities, setHandler, sleep } from '@temporalio/workflow';
import { SERVICE_STEPS, STATIC_STEPS, deploymentStateQuery, supersedeSignal, type DeployAppInput, type DeploymentState, type StepName } from '@paas/contracts';
import type { DeploymentPlan, PlatformActivities, SitePlan } from '@paas/activities';
import { DeploymentStateMachine } from './deployment.state.js';
import { describeFailure } from './failure-message.js';

const projection = proxyLocalActivities<PlatformActivities>({
  startToCloseTimeout: '15 seconds',
  retry: { maximumAttempts: 10, initialInterval: '200 ms' },
});

// a crashed worker is noticed within the heartbeat timeout; activities beat every 2 s
const git = proxyActivities<PlatformActivities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '6 seconds',
  retry: { maximumAttempts: 3, initialInterval: '1 second' },
});

const build = proxyActivities<PlatformActivities>({
  startToCloseTimeout: '60 minutes',
  heartbeatTimeout: '6 seconds',
  retry: { maximumAttempts: 3, initialInterval: '2 seconds' },
});

const release = proxyActivities<PlatformActivities>({
  startToCloseTimeout: '5 minutes',
  heartbeatTimeout: '6 seconds',
  retry: { maximumAttempts: 5, initialInterval: '1 second', maximumInterval: '10 seconds' },
});

type Compensation = { step: StepName; undo: () => Promise<void> };

/** Until RUN (or a site's VERIFY), a newer request stops this deployment: nothing it built would be used. */
const SUPERSEDABLE: readonly (StepName | undefined)[] = [undefined, 'CLONE', 'BUILD', 'PUSH', 'UPLOAD'];

export async function deployAppWorkflow(input: DeployAppInput): Promise<DeploymentState> {
  const { deploymentId } = input;
  const machine = new DeploymentStateMachine(deploymentId, SERVICE_STEPS);
  setHandler(deploymentStateQuery, () => machine.state);
  const compensations: Compensation[] = [];
  let current: StepName | undefined;
  let plan: DeploymentPlan | undefined;
  let stopReason: string | undefined;
  let supersededAfterLive = false;

  const work = new CancellationScope();
  const grace = new CancellationScope();
  setHandler(supersedeSignal, ({ byDeploymentId }) => {
    if (machine.state.status === 'LIVE') {
      supersededAfterLive = true; // the newer deployment retires the old releases
      grace.cancel();
    } else if (SUPERSEDABLE.includes(current)) {
      stopReason = `Superseded by a newer deployment (${byDeploymentId}) while it was still building.`;
      work.cancel();
    }
  });

  // Step activities write RUNNING/SUCCEEDED (and the deployment status) to the projection
  // themselves; the workflow writes what only it knows: skips, failures and compensations.
  const step = async <T>(name: StepName, run: () => Promise<T>): Promise<T> => {
    current = name;
    machine.setStep(name, 'RUNNING');
    const result = await run();
    machine.setStep(name, 'SUCCEEDED');
    current = undefined;
    return result;
  };

  /**
   * RETIRE runs after LIVE, which is final: a failure there is recorded on the step (the new
   * release keeps serving; the old ones may still run) and the deployment stays LIVE.
   */
  const recordRetireOutcome = async (err: unknown, skippedBecause?: string) => {
    current = undefined;
    const status = skippedBecause ? 'SKIPPED' : 'FAILED';
    const message = skippedBecause ?? `The new release is live, but stopping the old releases failed: ${describeFailure(err)}`;
    machine.setStep('RETIRE', status);
    await CancellationScope.nonCancellable(() => projection.recordStep(deploymentId, 'RETIRE', status, message));
  };

  /** A STATIC app's release: files in object storage, served by the site server behind the edge. */
  const deployStaticSite = async (p: DeploymentPlan, site: SitePlan) => {
    machine.useSteps(STATIC_STEPS);
    if (site.restoring) {
      const skipped: StepName[] = ['CLONE', 'BUILD', 'UPLOAD'];
      skipped.forEach((s) => machine.setStep(s, 'SKIPPED'));
      await projection.recordSkippedSteps(deploymentId, skipped, `Rollback: serving release ${site.releaseId} again (no rebuild, no re-upload)`);
    } else {
      machine.setStatus('BUILDING');
      if (site.uploadId) {
        machine.setStep('CLONE', 'SKIPPED');
        await projection.recordSkippedSteps(deploymentId, ['CLONE'], 'Publishing an uploaded archive.');
        await step('BUILD', () => build.unpackSiteUpload(p));
      } else {
        const sha = await step('CLONE', () => git.cloneRepository({ deploymentId, appId: p.appId, gitUrl: p.gitUrl, branch: p.branch, requestedSha: p.requestedSha }));
        await step('BUILD', () => build.buildSite(p, sha));
      }
      machine.setStatus('DEPLOYING');
      compensations.push({ step: 'UPLOAD', undo: () => release.discardSiteUpload(p) });
      await step('UPLOAD', () => release.uploadSite(p));
    }
    machine.setStatus('VERIFYING');
    compensations.push({ step: 'VERIFY', undo: () => release.discardSiteRelease(p) });
    await step('VERIFY', () => release.verifySite(p));
    let before: string | null = site.previousReleaseId;
    compensations.push({ step: 'ROUTE', undo: () => release.restoreSite(p, before) });
    before = await step('ROUTE', () => release.publishSite(p));
    compensations.length = 0;
    // the staging files and the uploaded ZIP go before the deployment is reported LIVE
    await release.cleanupSiteWork(p);
    machine.setStatus('LIVE');
    await projection.markLive(deploymentId, p.appId);
  };

  try {
    await work.run(async () => {
      plan = await projection.planDeployment(deploymentId);
      const p = plan;
      if (p.site) return deployStaticSite(p, p.site);
      let imageRef: string;
      if (p.rollback) {
        const skipped: StepName[] = ['CLONE', 'BUILD', 'PUSH'];
        skipped.forEach((s) => machine.setStep(s, 'SKIPPED'));
        await projection.recordSkippedSteps(deploymentId, skipped, `Rollback: reusing ${p.rollback.imageRef}`);
        imageRef = p.rollback.imageRef;
      } else {
        machine.setStatus('BUILDING');
        const sha = await step('CLONE', () => git.cloneRepository({ deploymentId, appId: p.appId, gitUrl: p.gitUrl, branch: p.branch, requestedSha: p.requestedSha }));
        compensations.push({ step: 'BUILD', undo: () => release.removeBuiltImage(p.imageTag) });
        await step('BUILD', () => build.buildImage(p, sha));
        imageRef = await step('PUSH', () => release.pushImage(p));
      }

      machine.setStatus('DEPLOYING');
      compensations.push({ step: 'RUN', undo: () => release.removeRelease(deploymentId, p.containerName, 0) });
      const upstream = await step('RUN', () => release.runRelease(p, imageRef));

      machine.setStatus('VERIFYING');
      await step('VERIFY', () => release.verifyRelease(p, upstream));

      // the compensation needs the route as it was, which only the switch itself reads
      let before: string | null = p.previous?.upstream ?? null;
      compensations.push({ step: 'ROUTE', undo: () => release.restoreRoute(p, before) });
      before = await step('ROUTE', () => release.switchRoute(p, upstream));

      // LIVE: from here on nothing is undone
      compensations.length = 0;
      machine.setStatus('LIVE');
      await projection.markLive(deploymentId, p.appId);
    });
  } catch (err) {
    const cancelled = isCancellation(err);
    const message = cancelled ? (stopReason ?? 'The deployment was cancelled.') : describeFailure(err);
    await CancellationScope.nonCancellable(async () => {
      if (current) {
        machine.setStep(current, 'FAILED');
        await projection.recordStep(deploymentId, current, 'FAILED', cancelled ? 'Cancelled.' : message);
      }
      const undoFailures: string[] = [];
      for (const c of compensations.reverse()) {
        try {
          await c.undo();
        } catch (undoErr) {
          // before this patch a failed undo (after its retries) ended the compensation loop and
          // left the deployment non-final forever; now it is recorded and the other undos still run
          if (!patched('record-failed-undo')) throw undoErr;
          const why = describeFailure(undoErr);
          undoFailures.push(`undoing ${c.step} also failed: ${why}`);
          machine.setStep(c.step, 'FAILED');
          const stepMessage = c.step === current && !cancelled ? `${message} Undoing it also failed: ${why}` : `Undo failed: ${why}`;
          await projection.recordStep(deploymentId, c.step, 'FAILED', stepMessage);
          continue;
        }
        if (machine.stepStatus(c.step) === 'SUCCEEDED') {
          machine.setStep(c.step, 'COMPENSATED');
          await projection.recordStep(deploymentId, c.step, 'COMPENSATED', 'Undone after a later step failed.');
        }
      }
      for (const s of machine.state.steps) {
        if (s.status === 'PENDING') {
          machine.setStep(s.name, 'SKIPPED');
          await projection.recordStep(deploymentId, s.name, 'SKIPPED');
        }
      }
      // before the outcome is reported: a FAILED deployment has left nothing behind
      if (plan?.site) {
        try {
          await release.cleanupSiteWork(plan);
        } catch (cleanupErr) {
          if (!patched('record-failed-undo')) throw cleanupErr;
          undoFailures.push(`removing the release's work files also failed: ${describeFailure(cleanupErr)}`);
        }
      }
      const error = [current && !cancelled ? `${current} failed: ${message}` : message, ...undoFailures].join('; ');
      machine.fail(error, cancelled ? 'CANCELLED' : 'FAILED');
      await projection.markFinished(deploymentId, cancelled ? 'CANCELLED' : 'FAILED', error);
    });
    await CancellationScope.nonCancellable(() => git.cleanupWorkspace(deploymentId));
    return machine.state;
  }

  if (plan!.site) {
    // a site's old releases stay on disk (kept for rollback), so nothing waits for a grace period
    try {
      await step('RETIRE', () => release.retireSiteReleases(plan!));
    } catch (err) {
      // before this patch the workflow failed here and left RETIRE RUNNING
      if (!patched('record-failed-retire')) throw err;
      await recordRetireOutcome(err, isCancellation(err) ? 'Cancelled.' : undefined);
    }
    await CancellationScope.nonCancellable(() => git.cleanupWorkspace(deploymentId));
    return machine.state;
  }

  // RETIRE: after a grace period the old releases stop, unless a newer deployment takes over first
  const p = plan!;
  if (p.previous) {
    try {
      await step('RETIRE', async () => {
        await projection.recordStep(deploymentId, 'RETIRE', 'RUNNING', `Stopping the previous release after ${p.timing.retireGraceMs} ms.`);
        await grace.run(() => sleep(p.timing.retireGraceMs));
        if (patched('retire-all-old-releases')) await release.retireOldReleases(p);
        else await release.retireRelease(p, p.previous!);
      });
    } catch (err) {
      if (!isCancellation(err)) {
        // before this patch the workflow failed here and left RETIRE RUNNING
        if (!patched('record-failed-retire')) throw err;
        await recordRetireOutcome(err);
        await CancellationScope.nonCancellable(() => git.cleanupWorkspace(deploymentId));
        return machine.state;
      }
      const why = supersededAfterLive ? 'A newer deployment took over; it retires the old releases.' : 'Cancelled.';
      machine.setStep('RETIRE', 'SKIPPED');
      await CancellationScope.nonCancellable(() => projection.recordStep(deploymentId, 'RETIRE', 'SKIPPED', why));
    }
  } else {
    machine.setStep('RETIRE', 'SKIPPED');
    await projection.recordStep(deploymentId, 'RETIRE', 'SKIPPED', 'No previous release to retire.');
  }
  await CancellationScope.nonCancellable(() => git.cleanupWorkspace(deploymentId));
  return machine.state;
}
