// The team's build queue. Before it builds, a deployment takes one of its plan's concurrent build
// slots; while none is free the activity fails with a retryable error and Temporal's retry policy
// (workflows/src/activity-proxies.ts: buildQueue) tries again, so waiting costs no worker and
// survives any crash. The slot is released once the image is pushed; a deployment that ends
// earlier (failed, cancelled, superseded) stops holding it by ending.
import { ApplicationFailure, Context } from '@temporalio/activity';
import { claimBuildSlot, Database } from '@paas/db';
import type { DataSource } from 'typeorm';
import type { ProjectionAdapter } from '../projection/projection.adapter.js';

export const BUILD_SLOT_BUSY = 'BuildSlotBusy';

export function createBuildQueueActivities(source: DataSource | Database, projection: ProjectionAdapter) {
  const db = source instanceof Database ? source : new Database(source);
  return {
    async acquireBuildSlot(deploymentId: string, appId: string): Promise<void> {
      const busy = await db.transaction(async (tx) => {
        const teamId = await tx.teams.teamOfApp(appId);
        if (!teamId) throw ApplicationFailure.nonRetryable(`App ${appId} no longer exists.`, 'NotFound');
        return claimBuildSlot(tx, teamId, deploymentId);
      });
      if (!busy) return;
      // said once in the deployment's log; the status stays QUEUED while it waits
      if (Context.current().info.attempt === 1) await projection.appendLogs(deploymentId, [{ stream: 'system', line: `Waiting for a build slot: ${busy}.` }]);
      throw ApplicationFailure.retryable(`Waiting for a build slot: ${busy}.`, BUILD_SLOT_BUSY);
    },

    async releaseBuildSlot(deploymentId: string): Promise<void> {
      await db.plans.releaseBuildSlot(deploymentId);
    },
  };
}
