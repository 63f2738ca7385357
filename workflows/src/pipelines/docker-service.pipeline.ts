// SERVICE on Docker: clone → build → push → run → verify → route → (LIVE) → retire.
// A rollback is the same path with the build skipped: it runs an earlier image by digest.
import { CancellationScope, isCancellation, patched, sleep } from '@temporalio/workflow';
import { SERVICE_STEPS } from '@paas/contracts';
import type { DeploymentPlan } from '@paas/activities';
import { projection, release } from '../activity-proxies.js';
import type { DeploymentRun } from '../deployment-run.js';
import { imageSteps } from './image-steps.js';
import type { DeployPipeline } from './pipeline.js';

export function dockerServicePipeline(plan: DeploymentPlan): DeployPipeline {
  return { steps: SERVICE_STEPS, deploy: (run) => deploy(run, plan), retire: (run) => retire(run, plan) };
}

async function deploy(run: DeploymentRun, p: DeploymentPlan): Promise<void> {
  const { machine, saga } = run;
  const imageRef = await imageSteps(run, p);

  machine.setStatus('DEPLOYING');
  saga.push('RUN', () => release.removeRelease(run.deploymentId, p.containerName, 0));
  const upstream = await run.step('RUN', () => release.runRelease(p, imageRef));

  machine.setStatus('VERIFYING');
  await run.step('VERIFY', () => release.verifyRelease(p, upstream));

  // the undo needs the route as it was, which only the switch itself reads
  let before: string | null = p.previous?.upstream ?? null;
  saga.push('ROUTE', () => release.restoreRoute(p, before));
  before = await run.step('ROUTE', () => release.switchRoute(p, upstream));

  saga.commit();
  await run.goLive(p);
}

/** After a grace period the old releases stop, unless a newer deployment takes over first. */
async function retire(run: DeploymentRun, p: DeploymentPlan): Promise<void> {
  const previous = p.previous;
  if (!previous) {
    run.machine.setStep('RETIRE', 'SKIPPED');
    await projection.recordStep(run.deploymentId, 'RETIRE', 'SKIPPED', 'No previous release to retire.');
    return;
  }
  try {
    await run.step('RETIRE', async () => {
      await projection.recordStep(run.deploymentId, 'RETIRE', 'RUNNING', `Stopping the previous release after ${p.timing.retireGraceMs} ms.`);
      await run.grace.run(() => sleep(p.timing.retireGraceMs));
      // an app that moved off Kubernetes: its Deployment, Service and Secrets go once the edge switched
      // (no deployment before Kubernetes apps replaced a Kubernetes release: their histories never get here)
      if (previous.containerName.startsWith('k8s:') && patched('retire-kubernetes-release'))
        await release.removeKubernetesRelease(run.deploymentId, p.appId, previous.containerName);
      // deployments that started before this patch stop only the release they replaced
      if (patched('retire-all-old-releases')) await release.retireOldReleases(p);
      else await release.retireRelease(p, previous);
    });
  } catch (err) {
    if (!isCancellation(err)) return run.retireFailed(err);
    const why = run.supersededAfterLive ? 'A newer deployment took over; it retires the old releases.' : 'Cancelled.';
    run.machine.setStep('RETIRE', 'SKIPPED');
    await CancellationScope.nonCancellable(() => projection.recordStep(run.deploymentId, 'RETIRE', 'SKIPPED', why));
  }
}
