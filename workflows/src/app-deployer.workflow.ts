// One per app: runs the app's deployments one at a time, so two releases of an app never race
// in run/verify/route. A newer request supersedes one that waits, stops one that is still
// building, and lets one that is already live skip its retire grace. Different apps have
// different deployers and deploy in parallel.
import {
  CancellationScope,
  condition,
  continueAsNew,
  executeChild,
  getExternalWorkflowHandle,
  isCancellation,
  patched,
  proxyLocalActivities,
  setHandler,
  workflowInfo,
  ParentClosePolicy,
} from '@temporalio/workflow';
import {
  cancelDeploymentSignal,
  deploymentWorkflowId,
  pendingDeploymentsQuery,
  requestDeploymentSignal,
  supersedeSignal,
  type AppDeployerInput,
  type DeployRequest,
} from '@paas/contracts';
import type { PlatformActivities } from '@paas/activities';
import { deployAppWorkflow } from './deploy-app.workflow.js';
import { describeChildFailure } from './failure-message.js';

const projection = proxyLocalActivities<PlatformActivities>({
  startToCloseTimeout: '15 seconds',
  retry: { maximumAttempts: 10 },
});

/** An idle deployer ends; the next deploy request starts a new one (signal-with-start). */
const IDLE_TIMEOUT = '5 minutes';

export async function appDeployerWorkflow(input: AppDeployerInput): Promise<void> {
  let pending: DeployRequest | undefined = input.pending?.at(-1);
  const toClose: { deploymentId: string; reason: string }[] = [];
  let running: { deploymentId: string; scope: CancellationScope } | undefined;

  const supersedeRunning = (by: string) => {
    if (!running) return;
    getExternalWorkflowHandle(deploymentWorkflowId(running.deploymentId))
      .signal(supersedeSignal, { byDeploymentId: by })
      .catch(() => undefined); // it may have just finished
  };

  setHandler(requestDeploymentSignal, (req) => {
    if (pending?.deploymentId === req.deploymentId || running?.deploymentId === req.deploymentId) return;
    if (pending)
      toClose.push({ deploymentId: pending.deploymentId, reason: `Superseded by a newer deployment request (${req.deploymentId}) before it started.` });
    pending = req;
    supersedeRunning(req.deploymentId);
  });
  setHandler(cancelDeploymentSignal, ({ deploymentId }) => {
    if (pending?.deploymentId === deploymentId) {
      toClose.push({ deploymentId, reason: 'Cancelled before it started.' });
      pending = undefined;
    } else if (running?.deploymentId === deploymentId) {
      running.scope.cancel(); // the deployment compensates what it did and records CANCELLED
    }
  });
  setHandler(pendingDeploymentsQuery, () => (pending ? [pending] : []));

  for (;;) {
    const woke = await condition(() => pending !== undefined || toClose.length > 0, IDLE_TIMEOUT);
    while (toClose.length > 0) {
      const { deploymentId, reason } = toClose.shift()!;
      await projection.markFinished(deploymentId, 'CANCELLED', reason);
    }
    if (!woke && !pending) return;
    if (!pending) continue;
    const next = pending;
    pending = undefined;
    const scope = new CancellationScope();
    running = { deploymentId: next.deploymentId, scope };
    await scope
      .run(() =>
        executeChild(deployAppWorkflow, {
          workflowId: deploymentWorkflowId(next.deploymentId),
          args: [{ appId: input.appId, deploymentId: next.deploymentId }],
          parentClosePolicy: ParentClosePolicy.REQUEST_CANCEL,
        }),
      )
      .catch(async (err) => {
        // the child records its own outcome in the projection; one that ended without doing so
        // (terminated, timed out, failed) must not stay non-final: that would also make every
        // scheduled redeploy of the app skip forever. Before this patch the error was dropped.
        if (!patched('finish-unfinished-child')) return;
        const status = isCancellation(err) ? 'CANCELLED' : 'FAILED';
        await CancellationScope.nonCancellable(() => projection.finishIfUnfinished(next.deploymentId, status, describeChildFailure(err)));
      });
    running = undefined;
    if (workflowInfo().continueAsNewSuggested && !pending && toClose.length === 0) {
      await continueAsNew<typeof appDeployerWorkflow>({ appId: input.appId });
    }
  }
}
