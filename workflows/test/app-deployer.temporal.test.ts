// The app's deployer and a child deployment workflow that is terminated from outside, on a real
// Temporal dev server (medium tier): the time-skipping test server does not tell the parent.
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { appDeployerWorkflow } from '@paas/workflows';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { recordHistory } from '../../tests/helpers/histories.js';
import { fakeActivities, plan, type Calls } from './fake-activities.js';
import { bundleWorkflows, waitUntil, withWorker, type TemporalTestEnv } from './workflow-harness.js';

const previous = { deploymentId: 'd0', containerName: 'paas-web-d0', upstream: '127.0.0.1:20000' };

describe('appDeployerWorkflow', () => {
  let env: TemporalTestEnv;
  let connection: Connection;
  let bundle: WorkflowBundleWithSourceMap;

  beforeAll(async () => {
    const address = inject('temporalAddress');
    connection = await Connection.connect({ address });
    env = { client: new Client({ connection }), nativeConnection: await NativeConnection.connect({ address }) };
    bundle = await bundleWorkflows();
  });
  afterAll(async () => {
    await env?.nativeConnection.close();
    await connection?.close();
  });

  it("the app's deployer marks a deployment FAILED when the deployment's own workflow is terminated", async () => {
    const calls: Calls = [];
    const deploymentId = randomUUID();
    const deployerId = `saga-deployer-${randomUUID()}`;
    await withWorker(env, bundle, fakeActivities(calls, plan(previous), { hangAt: 'verify' }), async (taskQueue) => {
      const deployer = await env.client.workflow.start<typeof appDeployerWorkflow>('appDeployerWorkflow', {
        taskQueue,
        workflowId: deployerId,
        args: [{ appId: 'a1', pending: [{ deploymentId }] }],
      });
      const detail = () => calls.join(' | ');
      await waitUntil('verify', () => calls.includes('verify'), detail);
      await env.client.workflow.getHandle(`deploy-${deploymentId}`).terminate('a test terminates it');
      await waitUntil('the deployer to finish it', () => calls.some((c) => c.startsWith('finishIfUnfinished')), detail);
      await deployer.terminate('test done');
    });
    await recordHistory(deployerId, 'app-deployer-child-terminated');
    expect(calls.filter((c) => c.startsWith('finishIfUnfinished'))).toEqual([
      `finishIfUnfinished ${deploymentId} FAILED: The deployment's workflow was terminated before it finished.`,
    ]);
  });
});
