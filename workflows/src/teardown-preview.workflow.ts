// A pull request closed or merged: its preview's deployer stops (a deployment in flight compensates
// and ends CANCELLED), then its route, containers, network, images and files go.
import { getExternalWorkflowHandle, proxyActivities, sleep } from '@temporalio/workflow';
import { previewDeployerWorkflowId, type PreviewTeardownInput } from '@paas/contracts';
import type { PlatformActivities } from '@paas/activities';

const { teardownPreview, previewInFlight } = proxyActivities<PlatformActivities>({
  startToCloseTimeout: '5 minutes',
  heartbeatTimeout: '6 seconds',
  retry: { maximumAttempts: 5 },
});

/** How long the teardown waits for a cancelled deployment to finish compensating. */
const MAX_WAITS = 90;

export async function teardownPreviewWorkflow(input: PreviewTeardownInput): Promise<string> {
  try {
    await getExternalWorkflowHandle(previewDeployerWorkflowId(input.appId, input.pullRequest)).cancel();
  } catch {
    // no deployer runs for it (an idle one ends by itself): nothing to stop
  }
  for (let i = 0; i < MAX_WAITS && (await previewInFlight(input.previewId)) > 0; i++) await sleep('2 seconds');
  return teardownPreview(input);
}
