import { ApplicationFailure } from '@temporalio/activity';
import type { DeploymentPlan } from '../plan.js';
import { probeHttp } from '../health/http-probe.js';
import type { ProjectionAdapter } from '../projection/projection.adapter.js';
import { reportedStep } from '../shared/reported-step.js';
import type { EdgeRouter } from './edge.adapter.js';

export function createEdgeActivities(edge: EdgeRouter, projection: ProjectionAdapter) {
  /** Points the app's host at the new release; returns what it pointed at before. */
  async function switchRoute(plan: DeploymentPlan, upstream: string): Promise<string | null> {
    if (plan.kubernetes) {
      // The pods were ready inside the cluster, but the edge reaches a Service's cluster IP through
      // kube-proxy's rules on this host, which follow a new Service a moment later: until the
      // address answers here, switching would answer every request with the edge's 503.
      const probe = await probeHttp(`http://${upstream}${plan.healthCheckPath}`);
      if (!probe.ok)
        throw ApplicationFailure.retryable(
          `The Service ${upstream} does not answer GET ${plan.healthCheckPath} from the edge's host yet (${probe.status ?? probe.error}); the route stays as it was.`,
        );
    }
    const before = await edge.getRoute(plan.host);
    await edge.setRoute(plan.host, upstream);
    if ((await edge.getRoute(plan.host)) !== upstream) throw ApplicationFailure.retryable(`edge did not take the route ${plan.host}`);
    await projection.appendLogs(plan.deploymentId, [{ stream: 'system', line: `Routed ${plan.host} → ${upstream}` }]);
    return before;
  }

  /** Compensation for ROUTE: back to the previous release, or no route when there was none. */
  async function restoreRoute(plan: DeploymentPlan, previousUpstream: string | null): Promise<void> {
    if (previousUpstream) await edge.setRoute(plan.host, previousUpstream);
    else await edge.removeRoute(plan.host);
  }

  return {
    switchRoute: (plan: DeploymentPlan, upstream: string) => reportedStep(projection, plan, 'ROUTE', () => switchRoute(plan, upstream)),
    restoreRoute,
  };
}
