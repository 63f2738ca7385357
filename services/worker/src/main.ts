// The worker process: runs the deployment workflows and their activities.
import { NativeConnection, Worker } from '@temporalio/worker';
import { createDataSource } from '@paas/db';
import { TASK_QUEUE } from '@paas/contracts';
import { settingsFromEnv } from '@paas/activities';
import { fileURLToPath } from 'node:url';
import { createActivities } from './activities.js';

const env = process.env;
if (!env.DATABASE_URL || !env.TEMPORAL_ADDRESS) {
  console.error('DATABASE_URL and TEMPORAL_ADDRESS must be set (npm start sets them)');
  process.exit(2);
}

const db = await createDataSource(env.DATABASE_URL).initialize();
const connection = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS });
const worker = await Worker.create({
  connection,
  namespace: env.TEMPORAL_NAMESPACE || 'default',
  taskQueue: TASK_QUEUE,
  workflowsPath: fileURLToPath(import.meta.resolve('@paas/workflows')),
  activities: createActivities(db, settingsFromEnv(env)),
  shutdownGraceTime: '10 seconds',
  // after a worker crash, its workflows move to another poller this soon
  stickyQueueScheduleToStartTimeout: '3 seconds',
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => worker.shutdown());
console.log(`worker ready on task queue ${TASK_QUEUE}`);
await worker.run();
await connection.close();
await db.destroy();
