// What a scheduled redeploy does when it fires: record a SCHEDULE deployment of the branch head
// and hand it to the app's deployer, unless the app is deploying already (the app-level overlap
// policy: a scheduled run never interrupts or queues behind another deployment).
import { ApplicationFailure } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { FINAL_STATUSES, TASK_QUEUE, appDeployerWorkflowId, requestDeploymentSignal } from '@paas/contracts';
import { insertQueuedDeployment } from '@paas/db';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';

export function createScheduleActivities(db: DataSource, temporal: Client) {
  async function requestScheduledDeployment(appId: string, scheduleId: string): Promise<string | null> {
    const final = FINAL_STATUSES.map((s) => `'${s}'`).join(',');
    const [{ active }] = await db.query(`SELECT count(*)::int AS active FROM deployments WHERE app_id = $1 AND status NOT IN (${final})`, [appId]);
    if (active > 0) return null;
    const id = randomUUID();
    const exists = await db.transaction((tx) => insertQueuedDeployment(tx, { id, appId, trigger: 'SCHEDULE', requestedSha: null }));
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
