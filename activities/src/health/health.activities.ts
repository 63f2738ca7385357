import { ApplicationFailure } from '@temporalio/activity';
import type { DockerAdapter } from '../docker/docker.adapter.js';
import type { DeploymentPlan } from '../plan.js';
import type { ProjectionAdapter } from '../projection/projection.adapter.js';
import { withHeartbeat } from '../shared/heartbeat.js';
import { reportedStep } from '../shared/reported-step.js';
import { probeHttp } from './http-probe.js';

export function createHealthActivities(docker: DockerAdapter, projection: ProjectionAdapter) {
  /**
   * The new release must answer 2xx on its health path several times in a row, directly
   * (not through the edge), before the route may switch to it.
   */
  async function verifyRelease(plan: DeploymentPlan, upstream: string): Promise<void> {
    const { healthTimeoutMs, healthSuccesses, healthIntervalMs } = plan.timing;
    const url = `http://${upstream}${plan.healthCheckPath}`;
    await projection.appendLogs(plan.deploymentId, [
      { stream: 'system', line: `Checking health: GET ${plan.healthCheckPath} must answer 2xx ${healthSuccesses} times in a row` },
    ]);
    await withHeartbeat(async (signal) => {
      const deadline = Date.now() + healthTimeoutMs;
      let streak = 0;
      let last = 'no answer yet';
      while (Date.now() < deadline && !signal.aborted) {
        const state = await docker.containerStatus(plan.containerName);
        if (!state.running) {
          const lines = await docker.containerLogs(plan.containerName, 20);
          await projection.appendLogs(
            plan.deploymentId,
            lines.map((line) => ({ stream: 'stderr' as const, line })),
          );
          const why = state.exists ? `exited with code ${state.exitCode ?? '?'}` : 'disappeared';
          throw ApplicationFailure.nonRetryable(
            `The container ${why} before its health check passed. Its last log lines are in the deployment log.`,
            'ContainerExited',
          );
        }
        const r = await probeHttp(url, Math.min(2000, healthTimeoutMs));
        if (r.ok) {
          streak++;
          if (streak >= healthSuccesses) return;
        } else {
          streak = 0;
          // through Docker's port proxy, "nothing listening" shows as a closed or reset connection
          last = r.status ? `HTTP ${r.status}` : r.error === 'TimeoutError' ? 'no answer within 2 s' : `nothing listening on port ${plan.port}`;
        }
        await new Promise((res) => setTimeout(res, healthIntervalMs));
      }
      if (signal.aborted) throw new Error('health check cancelled');
      const lines = await docker.containerLogs(plan.containerName, 20);
      await projection.appendLogs(
        plan.deploymentId,
        lines.map((line) => ({ stream: 'stderr' as const, line })),
      );
      throw ApplicationFailure.nonRetryable(
        `Health check failed: GET ${plan.healthCheckPath} did not answer 2xx ${healthSuccesses} times in a row within ${Math.round(healthTimeoutMs / 1000)} s (last: ${last}). Does the app listen on $PORT (${plan.port})?`,
        'HealthCheckFailed',
      );
    }, 2000);
  }

  return {
    verifyRelease: (plan: DeploymentPlan, upstream: string) => reportedStep(projection, plan, 'VERIFY', () => verifyRelease(plan, upstream), 'VERIFYING'),
  };
}
