// What a scheduled redeploy does when it fires: record a SCHEDULE deployment of the branch head
// and hand it to the app's deployer, unless the app is deploying already (the app-level overlap
// policy: a scheduled run never interrupts or queues behind another deployment), nor while the
// team is over its plan's limits (memory, build minutes); concurrent builds queue in the workflow.
import { ApplicationFailure } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { TASK_QUEUE, appDeployerWorkflowId, requestDeploymentSignal } from '@paas/contracts';
import { Database, deployQuotaViolation } from '@paas/db';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';

export function createScheduleActivities(source: DataSource | Database, temporal: Client) {
  const db = source instanceof Database ? source : new Database(source);
  async function requestScheduledDeployment(appId: string, scheduleId: string): Promise<string | null> {
    if ((await db.deployments.countUnfinished(appId)) > 0) return null;
    const id = randomUUID();
    const outcome = await db.transaction(async (tx) => {
      const teamId = await tx.teams.teamOfApp(appId);
      // a team above its plan's limits is not redeployed on schedule; the next firing tries again
      if (teamId && (await deployQuotaViolation(tx, teamId, appId))) return 'over-quota' as const;
      return tx.deployments.insertQueued({ id, appId, trigger: 'SCHEDULE', requestedSha: null });
    });
    if (outcome === 'over-quota') return null;
    const exists = outcome;
    if (!exists) throw ApplicationFailure.nonRetryable(`App ${appId} of schedule ${scheduleId} no longer exists.`, 'NotFound');
    await temporal.workflow.signalWithStart('appDeployerWorkflow', {
      workflowId: appDeployerWorkflowId(appId),
      taskQueue: TASK_QUEUE,
      args: [{ appId }],
      signal: requestDeploymentSignal,
      signalArgs: [{ deploymentId: id }],
    });
    return id;
  }
  return { requestScheduledDeployment };
}
