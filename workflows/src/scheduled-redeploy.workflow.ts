// Started by a Temporal Schedule: asks for a redeploy of the app's branch head.
import { proxyActivities } from '@temporalio/workflow';
import type { PlatformActivities } from '@paas/activities';

const { requestScheduledDeployment } = proxyActivities<PlatformActivities>({
  startToCloseTimeout: '1 minute',
  retry: { maximumAttempts: 5 },
});

/** Returns the id of the deployment it requested, or null when the app was deploying already. */
export async function scheduledRedeployWorkflow(input: { appId: string; scheduleId: string }): Promise<string | null> {
  return requestScheduledDeployment(input.appId, input.scheduleId);
}
