// The worker process: runs the deployment workflows and their activities.
import { NativeConnection, Worker } from '@temporalio/worker';
import { Client, Connection } from '@temporalio/client';
import { createDataSource, Database, requireSecretKeyring } from '@paas/db';
import { EncryptionCodec, FAILURE_CONVERTER_PATH, MasterKeyError } from '@paas/crypto';
import { TASK_QUEUE } from '@paas/contracts';
import { injectFaults, settingsFromEnv } from '@paas/activities';
import { fileURLToPath } from 'node:url';
import { createActivities, createAdapters } from './activities.js';
import { ReleaseMonitor } from './background/release-monitor.js';
import { crashLoopNotifier } from './background/crash-loop-notifier.js';
import { startRetention } from './background/retention.js';
import { startReplicaWatcher } from './background/replica-watcher.js';
import { startHealthReporter } from './background/health-reporter.js';
import { MetricsSampler } from './background/metrics-sampler.js';
import { exitWithParent } from '@paas/process-lifecycle';
import { startRuntimeCapture } from './background/runtime/start.js';

const env = process.env;
if (!env.DATABASE_URL || !env.TEMPORAL_ADDRESS) {
  console.error('DATABASE_URL and TEMPORAL_ADDRESS must be set (npm start sets them)');
  process.exit(2);
}

let keyring;
try {
  keyring = requireSecretKeyring(env);
} catch (err) {
  if (!(err instanceof MasterKeyError)) throw err;
  console.error(err.message);
  process.exit(2);
}
// every payload this worker and its client send to Temporal is sealed, failure messages included:
// histories hold ciphertext only
const dataConverter = {
  payloadCodecs: [new EncryptionCodec(keyring)],
  failureConverterPath: FAILURE_CONVERTER_PATH,
};

const db = await createDataSource(env.DATABASE_URL).initialize();
const connection = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS });
// scheduled redeploys start deployments the way the gateway does, through a client
const clientConnection = Connection.lazy({ address: env.TEMPORAL_ADDRESS });
const client = new Client({ connection: clientConnection, namespace: env.TEMPORAL_NAMESPACE || 'default', dataConverter });
const settings = settingsFromEnv(env);
const adapters = createAdapters(db, settings, env);
const monitor = new ReleaseMonitor(adapters.docker, adapters.projection, {
  maxRestarts: Number(env.PAAS_MAX_RESTARTS || 5),
  log: console.warn,
  onCrashLooping: crashLoopNotifier(client, console.warn),
});
await monitor.start();
// App.replicas of Kubernetes apps follows their Deployments (autoscaling included)
const stopReplicaWatcher = adapters.kube ? startReplicaWatcher(adapters.kube, adapters.projection, console.warn) : undefined;
// prunes old deployments and their logs beyond PAAS_KEEP_DEPLOYMENTS / PAAS_LOG_RETENTION_DAYS
const stopRetention = startRetention(db, env, console.log);
// what this worker reaches, for gateways that run apart from it (PAAS_HEALTH_FROM_WORKERS)
const stopHealthReporter = startHealthReporter(db, adapters, env, console.warn);
// what running releases print and what happens to them (App.runtimeLogs, App.events)
const stopRuntimeCapture = await startRuntimeCapture(new Database(db), adapters.docker, adapters.kube, env, console.warn);
// CPU, memory and network of the running releases, every PAAS_METRICS_INTERVAL_SEC (one worker samples)
const metricsSampler = new MetricsSampler(db, adapters, env, console.warn);
metricsSampler.start();

const worker = await Worker.create({
  connection,
  namespace: env.TEMPORAL_NAMESPACE || 'default',
  taskQueue: TASK_QUEUE,
  dataConverter,
  workflowsPath: fileURLToPath(import.meta.resolve('@paas/workflows')),
  // injectFaults is inert unless the tests' PAAS_FAULT_PAUSE_DIR is set
  activities: injectFaults(createActivities(adapters, db, client, settings)),
  shutdownGraceTime: '10 seconds',
  // after a worker crash, its workflows move to another poller this soon
  stickyQueueScheduleToStartTimeout: '3 seconds',
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => worker.shutdown());
// started by the stack: a stack that died without stopping us leaves no orphan worker behind
exitWithParent(() => worker.shutdown());
console.log(`worker ready on task queue ${TASK_QUEUE}`);
await worker.run();
monitor.stop();
await stopReplicaWatcher?.();
stopRetention();
stopHealthReporter();
await stopRuntimeCapture();
await metricsSampler.stop();
await connection.close();
await clientConnection.close();
await db.destroy();
