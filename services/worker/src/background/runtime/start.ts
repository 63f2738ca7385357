// Starts the runtime log collector and the event recorders (Docker's engine, the cluster's objects).
// PAAS_RUNTIME_LOGS=off turns both off. Several workers on one engine share the work (advisory locks).
import type { DockerAdapter, KubernetesAdapter } from '@paas/activities';
import type { Database } from '@paas/db';
import { EventRecorder } from './event-recorder.js';
import { RuntimeCollector } from './runtime-collector.js';
import { DockerRuntimeSource } from './runtime-source.js';
import { CombinedRuntimeSource, KubernetesRuntimeSource } from './kubernetes-runtime-source.js';
import { KubernetesEngineEvents } from './kubernetes-engine-events.js';

export async function startRuntimeCapture(
  db: Database,
  docker: DockerAdapter,
  kube: KubernetesAdapter | null,
  env: NodeJS.ProcessEnv,
  log: (line: string) => void,
): Promise<() => Promise<void>> {
  if (env.PAAS_RUNTIME_LOGS === 'off') return async () => undefined;
  const source = new DockerRuntimeSource(docker);
  // logs of Kubernetes apps' pods too, when the platform has a cluster
  const logSource = kube ? new CombinedRuntimeSource(source, new KubernetesRuntimeSource(kube), log) : source;
  const collector = new RuntimeCollector(logSource, db, { databaseUrl: env.DATABASE_URL!, log });
  // events of Docker containers, and of Kubernetes pods and autoscalers when there is a cluster
  const recorders = [new EventRecorder(source, db, log), ...(kube ? [new EventRecorder(new KubernetesEngineEvents(kube, log), db, log)] : [])];
  // none may keep the worker from starting: each retries on its own
  await collector.start().catch((err: Error) => log(`runtime logs: first scan failed (${err.message}); retrying`));
  for (const recorder of recorders) {
    await recorder.start().catch((err: Error) => {
      log(`events: cannot watch the engine (${err.message}); retrying`);
      recorder.retryLater();
    });
  }
  return async () => {
    for (const recorder of recorders) recorder.stop();
    await collector.stop();
  };
}
