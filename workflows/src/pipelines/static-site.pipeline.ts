// STATIC: clone → build (or unpack an uploaded ZIP) → upload → verify → route → (LIVE) → retire.
// The release is files in object storage, served by the site server behind the edge; a
// rollback points the host at an earlier release's files (no rebuild, no re-upload).
import { isCancellation } from '@temporalio/workflow';
import { STATIC_STEPS } from '@paas/contracts';
import type { DeploymentPlan, SitePlan } from '@paas/activities';
import { build, release } from '../activity-proxies.js';
import type { DeploymentRun } from '../deployment-run.js';
import { releaseBuildSlot, waitForBuildSlot } from './build-slot.js';
import { cloneStep } from './clone-step.js';
import type { DeployPipeline, PipelineFactory } from './pipeline.js';

export const staticSitePipeline: PipelineFactory = (plan) => {
  const site = plan.site;
  if (!site) return undefined;
  return {
    steps: STATIC_STEPS,
    deploy: (run) => deploy(run, plan, site),
    cleanupAfterFailure: { what: "removing the release's work files", run: () => release.cleanupSiteWork(plan) },
    retire: (run) => retire(run, plan),
  } satisfies DeployPipeline;
};

async function deploy(run: DeploymentRun, p: DeploymentPlan, site: SitePlan): Promise<void> {
  const { machine, saga } = run;
  if (site.restoring) {
    await run.skip(['CLONE', 'BUILD', 'UPLOAD'], `Rollback: serving release ${site.releaseId} again (no rebuild, no re-upload)`);
  } else {
    // an uploaded archive is only unpacked: it does not wait for a build slot
    const slot = site.uploadId ? false : await waitForBuildSlot(run, p);
    machine.setStatus('BUILDING');
    if (site.uploadId) {
      await run.skip(['CLONE'], 'Publishing an uploaded archive.');
      await run.step('BUILD', () => build.unpackSiteUpload(p));
    } else {
      const sha = await cloneStep(run, p);
      await run.step('BUILD', () => build.buildSite(p, sha));
      await releaseBuildSlot(run, slot);
    }
    machine.setStatus('DEPLOYING');
    saga.push('UPLOAD', () => release.discardSiteUpload(p));
    await run.step('UPLOAD', () => release.uploadSite(p));
  }
  machine.setStatus('VERIFYING');
  saga.push('VERIFY', () => release.discardSiteRelease(p));
  await run.step('VERIFY', () => release.verifySite(p));
  let before: string | null = site.previousReleaseId;
  saga.push('ROUTE', () => release.restoreSite(p, before));
  before = await run.step('ROUTE', () => release.publishSite(p));
  saga.commit();
  // the staging files and the uploaded ZIP go before the deployment is reported LIVE
  await release.cleanupSiteWork(p);
  await run.goLive(p);
}

/** A site's old releases stay on disk (kept for rollback), so nothing waits for a grace period. */
async function retire(run: DeploymentRun, p: DeploymentPlan): Promise<void> {
  try {
    await run.step('RETIRE', () => release.retireSiteReleases(p));
  } catch (err) {
    await run.retireFailed(err, isCancellation(err) ? 'Cancelled.' : undefined);
  }
}
