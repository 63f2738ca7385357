// Runs workflows with fake activities on whatever Temporal the test tier provides: a dev server
// (medium tier) or a TestWorkflowEnvironment, both of which have this shape.
import type { Client } from '@temporalio/client';
import { DefaultLogger, Worker, bundleWorkflowCode, type NativeConnection, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { PlatformActivities } from '@paas/activities';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { deployAppWorkflow } from '@paas/workflows';

export interface TemporalTestEnv {
  client: Client;
  nativeConnection: NativeConnection;
  namespace?: string;
}

/** The workflows as the worker runs them (built to dist/ first: `npx tsc -b`). */
export function bundleWorkflows(): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({ workflowsPath: fileURLToPath(import.meta.resolve('@paas/workflows')), logger: new DefaultLogger('ERROR') });
}

/** Runs `body` while a worker serves the workflows, with `activities`, on a task queue of its own. */
export async function withWorker<T>(
  env: TemporalTestEnv,
  workflowBundle: WorkflowBundleWithSourceMap,
  activities: Partial<PlatformActivities>,
  body: (taskQueue: string) => Promise<T>,
): Promise<T> {
  const taskQueue = `workflow-test-${randomUUID()}`;
  const worker = await Worker.create({ connection: env.nativeConnection, namespace: env.namespace ?? 'default', taskQueue, workflowBundle, activities });
  return worker.runUntil(body(taskQueue));
}

/** Polls until `ok()` holds, for what a test must wait on inside a running workflow. */
export async function waitUntil(what: string, ok: () => boolean, detail: () => string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${detail()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** One deployAppWorkflow run to its end with fake activities; its workflow id too, for recording its history. */
export async function runDeployment(
  env: TemporalTestEnv,
  workflowBundle: WorkflowBundleWithSourceMap,
  activities: Partial<PlatformActivities>,
  idPrefix: string,
) {
  const workflowId = `${idPrefix}-${randomUUID()}`;
  const result = await withWorker(env, workflowBundle, activities, (taskQueue) =>
    env.client.workflow.execute<typeof deployAppWorkflow>('deployAppWorkflow', { taskQueue, workflowId, args: [{ appId: 'a1', deploymentId: 'd1' }] }),
  );
  return { workflowId, result };
}
