// The notification workflow on the time-skipping server: each delivery retried on its long
// schedule until it goes through, a refusal not retried, and a receiver that never answers given
// up after the day, with the delivery log told.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { ApplicationFailure } from '@temporalio/common';
import type { notifyWorkflow } from '@paas/workflows';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTimeSkippingEnv } from './time-skipping-env.js';
import { bundleWorkflows, withWorker, type TemporalTestEnv } from './workflow-harness.js';

describe('notifyWorkflow', () => {
  let testEnv: TestWorkflowEnvironment;
  let env: TemporalTestEnv;
  let bundle: WorkflowBundleWithSourceMap;

  beforeAll(async () => {
    [testEnv, bundle] = await Promise.all([createTimeSkippingEnv(), bundleWorkflows()]);
    env = { client: testEnv.client, nativeConnection: testEnv.nativeConnection };
  });
  afterAll(async () => {
    await testEnv?.teardown();
  });

  /** Runs the workflow with deliveries `ids`; `attempt(id, n)` decides each attempt (throws to fail it). */
  async function notify(ids: string[], attempt: (id: string, n: number) => void) {
    const attempts: Record<string, number> = {};
    const givenUp: string[] = [];
    const started = Date.now();
    let clock = 0;
    await withWorker(
      env,
      bundle,
      {
        prepareNotifications: async () => ids,
        deliverNotification: async (id) => {
          attempts[id] = (attempts[id] ?? 0) + 1;
          attempt(id, attempts[id]);
        },
        giveUpNotification: async (id, reason) => void givenUp.push(`${id}: ${reason}`),
      },
      async (taskQueue) => {
        const t0 = await testEnv.currentTimeMs();
        await env.client.workflow.execute<typeof notifyWorkflow>('notifyWorkflow', {
          taskQueue,
          workflowId: `notify-test-${randomUUID()}`,
          args: [{ topic: 'deployment', deploymentId: 'd9' }],
        });
        clock = (await testEnv.currentTimeMs()) - t0;
      },
    );
    return { attempts, givenUp, clockMs: clock, wallMs: Date.now() - started };
  }

  it('retries a receiver that is down until it answers, each delivery on its own', async () => {
    const { attempts, givenUp } = await notify(['a', 'b'], (id, n) => {
      if (id === 'a' && n < 4) throw ApplicationFailure.retryable('the receiver answered HTTP 503', 'NotificationFailed');
    });
    expect(attempts).toEqual({ a: 4, b: 1 });
    expect(givenUp).toEqual([]);
  });

  it('does not ask again a receiver that refused for good', async () => {
    const { attempts, givenUp } = await notify(['a'], () => {
      throw ApplicationFailure.nonRetryable('the receiver answered HTTP 404', 'NotificationRefused');
    });
    expect(attempts).toEqual({ a: 1 });
    // the activity recorded the refusal; the workflow's give-up finds nothing PENDING to change
    expect(givenUp).toHaveLength(1);
  });

  it('gives up after a day of retries, waits doubling up to an hour, and says so in the delivery log', async () => {
    const { attempts, givenUp, clockMs } = await notify(['a'], () => {
      throw ApplicationFailure.retryable('could not reach the receiver', 'NotificationFailed');
    });
    // 5 s doubling to an hour: 11 attempts in the first ~1.4 h, then one an hour for the rest of the day
    expect(attempts.a).toBeGreaterThan(25);
    expect(attempts.a).toBeLessThan(40);
    expect(clockMs).toBeGreaterThanOrEqual(23 * 3600_000);
    expect(givenUp).toEqual([expect.stringMatching(/^a: Gave up after retrying for 24 hours/)]);
  });
});
