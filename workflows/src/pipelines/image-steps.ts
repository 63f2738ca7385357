// CLONE → BUILD → PUSH, shared by every runtime that runs an image (Docker and Kubernetes alike);
// a rollback skips them and reuses an earlier release's image by digest.
import type { DeploymentPlan } from '@paas/activities';
import { build, release } from '../activity-proxies.js';
import type { DeploymentRun } from '../deployment-run.js';
import { releaseBuildSlot, waitForBuildSlot } from './build-slot.js';
import { cloneStep } from './clone-step.js';

/** Resolves to the image to run, by digest. */
export async function imageSteps(run: DeploymentRun, p: DeploymentPlan): Promise<string> {
  if (p.rollback) {
    await run.skip(['CLONE', 'BUILD', 'PUSH'], `Rollback: reusing ${p.rollback.imageRef}`);
    return p.rollback.imageRef;
  }
  const slot = await waitForBuildSlot(run, p);
  run.machine.setStatus('BUILDING');
  const sha = await cloneStep(run, p);
  run.saga.push('BUILD', () => release.removeBuiltImage(p.imageTag));
  await run.step('BUILD', () => build.buildImage(p, sha));
  const imageRef = await run.step('PUSH', () => release.pushImage(p));
  await releaseBuildSlot(run, slot);
  return imageRef;
}
