// One per app: runs the app's deployments one at a time, so two releases of an app never
// race in run/verify/route. A request that arrives while another waits supersedes it.
// Different apps have different deployers and deploy in parallel.
import { condition, continueAsNew, executeChild, proxyLocalActivities, setHandler, workflowInfo, ParentClosePolicy } from '@temporalio/workflow';
import { deploymentWorkflowId, pendingDeploymentsQuery, requestDeploymentSignal, type AppDeployerInput, type DeployRequest } from '@paas/contracts';
import type { PlatformActivities } from '@paas/activities';
import { deployAppWorkflow } from './deploy-app.workflow.js';

const projection = proxyLocalActivities<PlatformActivities>({
  startToCloseTimeout: '15 seconds',
  retry: { maximumAttempts: 10 },
});

/** An idle deployer ends; the next deploy request starts a new one (signal-with-start). */
const IDLE_TIMEOUT = '5 minutes';

export async function appDeployerWorkflow(input: AppDeployerInput): Promise<void> {
  let pending: DeployRequest | undefined = input.pending?.at(-1);
  const superseded: DeployRequest[] = (input.pending ?? []).slice(0, -1);

  setHandler(requestDeploymentSignal, (req) => {
    if (pending && pending.deploymentId !== req.deploymentId) superseded.push(pending);
    pending = req;
  });
  setHandler(pendingDeploymentsQuery, () => (pending ? [pending] : []));

  for (;;) {
    const woke = await condition(() => pending !== undefined || superseded.length > 0, IDLE_TIMEOUT);
    while (superseded.length > 0) {
      const old = superseded.shift()!;
      await projection.markFinished(old.deploymentId, 'CANCELLED', 'Superseded by a newer deployment request before it started.');
    }
    if (!woke && !pending) return;
    if (!pending) continue;
    const next = pending;
    pending = undefined;
    await executeChild(deployAppWorkflow, {
      workflowId: deploymentWorkflowId(next.deploymentId),
      args: [{ appId: input.appId, deploymentId: next.deploymentId }],
      parentClosePolicy: ParentClosePolicy.REQUEST_CANCEL,
    }).catch(() => undefined); // the child records its own outcome in the projection
    if (workflowInfo().continueAsNewSuggested && !pending) {
      await continueAsNew<typeof appDeployerWorkflow>({ appId: input.appId });
    }
  }
}
