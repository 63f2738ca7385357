import type { DeploymentPlan } from '@paas/activities';
import { git } from '../activity-proxies.js';
import type { DeploymentRun } from '../deployment-run.js';

/** CLONE, the same for every runtime that builds from git; resolves to the commit checked out. */
export function cloneStep(run: DeploymentRun, plan: DeploymentPlan): Promise<string> {
  return run.step('CLONE', () =>
    git.cloneRepository({ deploymentId: run.deploymentId, appId: plan.appId, gitUrl: plan.gitUrl, branch: plan.branch, requestedSha: plan.requestedSha }),
  );
}
