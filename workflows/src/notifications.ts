// How a deployment's end reaches the team's notification channels: an activity starts a
// notification workflow per deployment through the Temporal client (workflow id
// notify-<deployment>, so a retried start starts nothing twice). The deployment does not wait for
// the deliveries, so a slow or absent receiver never holds up a deployment, and a start that fails
// for good is only logged. Behind patched('notifications'): histories from before it replay
// without this command.
import { ActivityFailure, CancellationScope, log, patched, proxyActivities } from '@temporalio/workflow';
import type { DeploymentState } from '@paas/contracts';
import type { PlatformActivities } from '@paas/activities';

const starter = proxyActivities<PlatformActivities>({
  startToCloseTimeout: '15 seconds',
  // a minute of trying at most: Temporal answers the worker that runs this, so it is rarely needed
  scheduleToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '10 seconds', maximumAttempts: 6 },
});

/** Starts the notifications of a deployment that ended LIVE or FAILED (previews and cancelled ones are not announced). */
export async function announceOutcome(deploymentId: string, state: Pick<DeploymentState, 'status'>, isPreview: boolean): Promise<void> {
  if (!patched('notifications')) return;
  if (isPreview || (state.status !== 'LIVE' && state.status !== 'FAILED')) return;
  try {
    await CancellationScope.nonCancellable(() => starter.startNotifications({ topic: 'deployment', deploymentId }));
  } catch (err) {
    const why = err instanceof ActivityFailure && err.cause ? err.cause.message : (err as Error).message;
    log.warn('could not start the notifications', { deploymentId, error: why });
  }
}
