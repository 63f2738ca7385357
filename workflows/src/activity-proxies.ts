// The activities a deployment calls, grouped by how long they may take and how often they are
// retried. Shared by the dispatcher, the saga runner and every pipeline.
import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { PlatformActivities } from '@paas/activities';

/** Projection writes are small database updates: local activities, no task round trip. */
export const projection = proxyLocalActivities<PlatformActivities>({
  startToCloseTimeout: '15 seconds',
  retry: { maximumAttempts: 10, initialInterval: '200 ms' },
});

// a crashed worker is noticed within the heartbeat timeout; activities beat every 2 s
export const git = proxyActivities<PlatformActivities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '6 seconds',
  retry: { maximumAttempts: 3, initialInterval: '1 second' },
});

export const build = proxyActivities<PlatformActivities>({
  startToCloseTimeout: '60 minutes',
  heartbeatTimeout: '6 seconds',
  retry: { maximumAttempts: 3, initialInterval: '2 seconds' },
});

export const release = proxyActivities<PlatformActivities>({
  startToCloseTimeout: '5 minutes',
  heartbeatTimeout: '6 seconds',
  retry: { maximumAttempts: 5, initialInterval: '1 second', maximumInterval: '10 seconds' },
});

/**
 * The team's build queue: each attempt asks for a slot and fails while none is free, so the retry
 * policy is the queue (every few seconds, for up to six hours; the deployment stays QUEUED).
 */
export const buildQueue = proxyActivities<PlatformActivities>({
  startToCloseTimeout: '30 seconds',
  scheduleToCloseTimeout: '6 hours',
  retry: { initialInterval: '1 second', backoffCoefficient: 1.5, maximumInterval: '5 seconds' }, // no attempt limit: the schedule-to-close bounds it
});
