// The last word on a deployment whose own workflow ended without recording its outcome
// (terminated, timed out, or failed past every compensation). Its deployer calls this, so the
// deployment never stays QUEUED/BUILDING/VERIFYING forever and no step stays RUNNING.
import { isFinal } from '@paas/contracts';
import type { ProjectionAdapter } from './projection.adapter.js';

export function createFinalStateActivities(projection: ProjectionAdapter) {
  return {
    /** Marks the deployment `status` with `error` unless it already is final; closes open steps either way. Returns whether it changed the status. */
    async finishIfUnfinished(deploymentId: string, status: 'FAILED' | 'CANCELLED', error: string): Promise<boolean> {
      const d = await projection.getDeployment(deploymentId);
      if (!d) return false; // deleted with its app
      for (const s of await projection.openSteps(deploymentId)) {
        if (s.status === 'RUNNING') await projection.recordStep(deploymentId, s.name, 'FAILED', { message: error });
        else await projection.recordStep(deploymentId, s.name, 'SKIPPED');
      }
      if (isFinal(d.status)) return false;
      await projection.updateDeployment(deploymentId, { status, error, finished: true });
      await projection.appendLogs(deploymentId, [{ stream: 'system', line: `Deployment ${status}: ${error}` }]);
      return true;
    },
  };
}
