import { patched } from '@temporalio/workflow';
import type { DeploymentPlan } from '@paas/activities';
import { buildQueue } from '../activity-proxies.js';
import type { DeploymentRun } from '../deployment-run.js';

/**
 * Waits in the team's build queue until one of its plan's concurrent build slots is free (the
 * deployment stays QUEUED meanwhile); true when a slot is held. Deployments started before the
 * queue existed wait for nothing (their histories have no such command).
 */
export async function waitForBuildSlot(run: DeploymentRun, plan: DeploymentPlan): Promise<boolean> {
  if (!patched('team-build-queue')) return false;
  await buildQueue.acquireBuildSlot(run.deploymentId, plan.appId);
  return true;
}

/** Frees the slot once the build's result is stored; a deployment that ends earlier frees it by ending. */
export async function releaseBuildSlot(run: DeploymentRun, held: boolean): Promise<void> {
  if (held) await buildQueue.releaseBuildSlot(run.deploymentId);
}
