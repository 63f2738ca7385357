// release.crash_looping: the release monitor is no workflow, so it starts the notification
// workflow through a client. The workflow id is the release's: a second report of the same crash
// loop (another worker replica watching the same engine, a repeated event) starts nothing new.
import { startNotificationWorkflow } from '@paas/activities';
import type { Client } from '@temporalio/client';

export function crashLoopNotifier(client: Client, log: (line: string) => void): (deploymentId: string) => Promise<void> {
  return async (deploymentId) => {
    try {
      await startNotificationWorkflow(client, { topic: 'crash_looping', deploymentId });
    } catch (err) {
      log(`release monitor: could not start the crash-loop notification of ${deploymentId}: ${(err as Error).message}`);
    }
  };
}
