// Deleting an app: remove its route, containers, network and images.
import { proxyActivities } from '@temporalio/workflow';
import type { PlatformActivities } from '@paas/activities';

const { teardownApp } = proxyActivities<PlatformActivities>({
  startToCloseTimeout: '5 minutes',
  heartbeatTimeout: '6 seconds',
  retry: { maximumAttempts: 5 },
});

export async function teardownAppWorkflow(appId: string, appName: string): Promise<void> {
  await teardownApp(appId, appName);
}
