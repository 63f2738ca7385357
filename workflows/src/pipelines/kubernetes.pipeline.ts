// SERVICE on Kubernetes: clone → build → push (shared with Docker) → run → verify → route → (LIVE) → retire.
// RUN applies the Deployment (the pushed image by digest) and its Service; VERIFY follows the
// rolling update until every new pod is ready; ROUTE points the edge at the Service, whose
// cluster IP kube-proxy spreads over the ready pods as they come and go. A rollout that does not
// become ready is undone by restoring the previous pod template: the previous ReplicaSet, which
// never stopped serving (maxUnavailable 0), takes the Deployment back.
import { CancellationScope, isCancellation, sleep } from '@temporalio/workflow';
import { SERVICE_STEPS } from '@paas/contracts';
import type { DeploymentPlan } from '@paas/activities';
import { projection, release } from '../activity-proxies.js';
import type { DeploymentRun } from '../deployment-run.js';
import { imageSteps } from './image-steps.js';
import type { DeployPipeline, PipelineFactory } from './pipeline.js';

export const kubernetesPipeline: PipelineFactory = (plan) => {
  if (!plan.kubernetes) return undefined;
  return { steps: SERVICE_STEPS, deploy: (run) => deploy(run, plan), retire: (run) => retire(run, plan) } satisfies DeployPipeline;
};

async function deploy(run: DeploymentRun, p: DeploymentPlan): Promise<void> {
  const { machine, saga } = run;
  const imageRef = await imageSteps(run, p);

  machine.setStatus('DEPLOYING');
  saga.push('RUN', () => release.undoKubernetesRelease(p));
  const upstream = await run.step('RUN', () => release.applyKubernetesRelease(p, imageRef));

  machine.setStatus('VERIFYING');
  await run.step('VERIFY', () => release.verifyKubernetesRollout(p));

  // the Service's address stays the same from one release to the next: the route changes only
  // when the app arrives from Docker (or on its first deployment)
  let before: string | null = p.previous?.upstream ?? null;
  saga.push('ROUTE', () => release.restoreRoute(p, before));
  before = await run.step('ROUTE', () => release.switchRoute(p, upstream));

  saga.commit();
  await run.goLive(p);
}

/**
 * The rolling update already replaced the old pods. What is left: an app that came from Docker
 * keeps its container through the grace period (its in-flight requests finish), then it goes;
 * old images beyond those kept for rollback and old releases' env Secrets go too.
 */
async function retire(run: DeploymentRun, p: DeploymentPlan): Promise<void> {
  const previous = p.previous;
  if (!previous) {
    run.machine.setStep('RETIRE', 'SKIPPED');
    await projection.recordStep(run.deploymentId, 'RETIRE', 'SKIPPED', 'No previous release to retire.');
    return;
  }
  try {
    await run.step('RETIRE', async () => {
      if (!previous.containerName.startsWith('k8s:')) {
        await projection.recordStep(run.deploymentId, 'RETIRE', 'RUNNING', `Stopping the Docker release after ${p.timing.retireGraceMs} ms.`);
        await run.grace.run(() => sleep(p.timing.retireGraceMs));
      }
      await release.retireKubernetesRelease(p);
      await release.retireOldReleases(p);
    });
  } catch (err) {
    if (!isCancellation(err)) return run.retireFailed(err);
    const why = run.supersededAfterLive ? 'A newer deployment took over; it retires the old releases.' : 'Cancelled.';
    run.machine.setStep('RETIRE', 'SKIPPED');
    await CancellationScope.nonCancellable(() => projection.recordStep(run.deploymentId, 'RETIRE', 'SKIPPED', why));
  }
}
