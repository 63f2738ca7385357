// Tells a team's channels about one event. Started by the deployment workflow (through an activity,
// not waited for) or by the worker's release monitor, so a receiver
// that is down never holds up a deployment: each delivery is retried for a day, the waits
// doubling from 5 s to an hour, and what finally happened is in the channel's delivery log.
import { ActivityFailure, proxyActivities } from '@temporalio/workflow';
import type { NotificationRequest, PlatformActivities } from '@paas/activities';

const bookkeeping = proxyActivities<PlatformActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds', maximumAttempts: 20 },
});

/** Attempts at 0, 5, 15, 35 s, … then hourly, for 24 hours. */
const delivery = proxyActivities<PlatformActivities>({
  startToCloseTimeout: '1 minute',
  scheduleToCloseTimeout: '24 hours',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '1 hour' },
});

export async function notifyWorkflow(req: NotificationRequest): Promise<void> {
  const deliveries = await bookkeeping.prepareNotifications(req);
  await Promise.all(
    deliveries.map(async (id) => {
      try {
        await delivery.deliverNotification(id);
      } catch (err) {
        // a refusal was recorded by the activity; a timeout (the day is over) is recorded here
        const why = err instanceof ActivityFailure && err.cause ? err.cause.message : (err as Error).message;
        await bookkeeping.giveUpNotification(id, `Gave up after retrying for 24 hours (${why}).`);
      }
    }),
  );
}
