// Notifications as activities: which of the team's channels want an event (one delivery row each,
// created once), then each delivery sent by its own activity, retried by the notification
// workflow on a long schedule. A receiver that refuses for good (4xx, an address the outbound
// guard refuses, an SMTP 5xx) is not asked again; every attempt is counted in the delivery log.
import { ApplicationFailure } from '@temporalio/activity';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { notificationWorkflowId, TASK_QUEUE } from '@paas/contracts';
import { Database, type NotificationEvent } from '@paas/db';
import type { DataSource } from 'typeorm';
import { consolePage } from '../forge/commit-status.activities.js';
import { NotificationSender, PermanentDeliveryError } from './notification-sender.js';
import { summaryOf, type NotificationPayload } from './payloads.js';

export interface NotificationRequest {
  /** `deployment`: how a deployment ended (the event follows from its status and trigger); `crash_looping`: its release stopped restarting. */
  topic: 'deployment' | 'crash_looping';
  deploymentId: string;
}

/** The event a deployment's end is, if any: previews, cancelled and superseded deployments are not announced. */
export function deploymentEvent(d: { status: string; trigger: string }): NotificationEvent | null {
  if (d.trigger === 'PREVIEW') return null;
  if (d.status === 'LIVE') return d.trigger === 'ROLLBACK' ? 'deployment.rolled_back' : 'deployment.succeeded';
  if (d.status === 'FAILED') return 'deployment.failed';
  return null;
}

/** Starts the notification workflow of an event; one per event (its id), however often this runs. */
export async function startNotificationWorkflow(temporal: Client, req: NotificationRequest): Promise<void> {
  try {
    // a closed one is not started again either (the delivery rows would stop a second sending anyway)
    await temporal.workflow.start('notifyWorkflow', {
      taskQueue: TASK_QUEUE,
      workflowId: notificationWorkflowId(req.topic, req.deploymentId),
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      args: [req],
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
}

export function createNotificationActivities(source: DataSource | Database, sender: NotificationSender, publicUrl: string, temporal: Client) {
  const db = source instanceof Database ? source : new Database(source);
  return {
    /** What a deployment workflow calls when it ended: the deliveries run in a workflow of their own. */
    async startNotifications(req: NotificationRequest): Promise<void> {
      await startNotificationWorkflow(temporal, req);
    },

    /** The deliveries to make for this event (ids); the same ids when run again. */
    async prepareNotifications(req: NotificationRequest): Promise<string[]> {
      const d = await db.deployments.find(req.deploymentId);
      const app = d ? await db.apps.findById(d.appId) : null;
      if (!d || !app) return [];
      const event = req.topic === 'crash_looping' ? 'release.crash_looping' : deploymentEvent(d);
      if (!event) return [];
      const channels = await db.notificationChannels.subscribed(app.teamId, event);
      if (channels.length === 0) return [];
      const detail = event === 'release.crash_looping' ? `restarts stopped after ${d.restartCount} exits` : event === 'deployment.failed' ? d.error : null;
      const payload: NotificationPayload = {
        event,
        at: (event === 'release.crash_looping' ? new Date() : (d.finishedAt ?? new Date())).toISOString(),
        summary: summaryOf(event, app.name, detail),
        team: { id: app.teamId },
        app: { id: app.id, name: app.name },
        deployment: {
          id: d.id,
          status: event === 'release.crash_looping' ? 'CRASH_LOOPING' : d.status,
          trigger: d.trigger,
          commit: d.commitSha ?? d.requestedSha,
          error: d.error,
          url: consolePage(publicUrl, app.id, d.id),
        },
      };
      const key = `${event}:${d.id}`;
      const ids: string[] = [];
      for (const c of channels) ids.push((await db.notificationChannels.deliveryFor(c.id, event, key, payload as unknown as Record<string, unknown>)).id);
      return ids;
    },

    /** One attempt at one delivery; a retryable failure is thrown for the workflow's retry policy. */
    async deliverNotification(deliveryId: string): Promise<void> {
      const delivery = await db.notificationChannels.findDelivery(deliveryId);
      if (!delivery || delivery.status !== 'PENDING') return; // delivered, given up, or its channel deleted
      const channel = await db.notificationChannels.find(delivery.channelId);
      if (!channel) return;
      try {
        await sender.send(channel, delivery.payload as unknown as NotificationPayload, delivery.id);
      } catch (err) {
        const message = (err as Error).message;
        const permanent = err instanceof PermanentDeliveryError;
        await db.notificationChannels.recordAttempt(deliveryId, { status: permanent ? 'FAILED' : 'PENDING', error: message });
        if (permanent) throw ApplicationFailure.nonRetryable(message, 'NotificationRefused');
        throw ApplicationFailure.retryable(message, 'NotificationFailed');
      }
      await db.notificationChannels.recordAttempt(deliveryId, { status: 'DELIVERED', error: null });
    },

    /** The retries ran out: the delivery log says so. */
    async giveUpNotification(deliveryId: string, reason: string): Promise<void> {
      await db.notificationChannels.markFailed(deliveryId, reason);
    },
  };
}
