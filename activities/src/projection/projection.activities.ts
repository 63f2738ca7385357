import { ApplicationFailure } from '@temporalio/activity';
import { appNetworkName, imageRepository, releaseContainerName, type StepName, type StepStatus } from '@paas/contracts';
import type { DeploymentPlan } from '../plan.js';
import type { ActivitySettings } from '../settings.js';
import type { ProjectionAdapter } from './projection.adapter.js';

export function createProjectionActivities(projection: ProjectionAdapter, settings: ActivitySettings) {
  return {
    async planDeployment(deploymentId: string): Promise<DeploymentPlan> {
      const d = await projection.getDeployment(deploymentId);
      if (!d) throw ApplicationFailure.nonRetryable(`Deployment ${deploymentId} does not exist (was its app deleted?)`, 'NotFound');
      if (!d.config.gitUrl) throw ApplicationFailure.nonRetryable('The app has no git repository to deploy from.', 'InvalidApp');
      const previous = await projection.getLiveDeployment(d.appId, d.id);
      const appName = d.config.appName;
      const rollback = d.sourceDeploymentId && d.imageRef ? { sourceDeploymentId: d.sourceDeploymentId, imageRef: d.imageRef } : null;
      return {
        deploymentId,
        appId: d.appId,
        appName,
        host: `${appName}.${settings.baseDomain}`,
        gitUrl: d.config.gitUrl,
        branch: d.config.branch,
        requestedSha: d.requestedSha,
        rootDirectory: d.config.rootDirectory,
        dockerfilePath: d.config.dockerfilePath,
        port: d.config.port,
        healthCheckPath: d.config.healthCheckPath,
        imageTag: `${imageRepository(settings.registry, appName)}:${deploymentId}`,
        // a rollback runs under the source release's name, so a source container that is still
        // running (not retired yet) is found and reused: the switch is then immediate
        containerName: releaseContainerName(appName, rollback?.sourceDeploymentId ?? deploymentId),
        network: appNetworkName(appName),
        previous: previous?.containerName ? { deploymentId: previous.id, containerName: previous.containerName, upstream: previous.upstream } : null,
        rollback,
        timing: settings.timing,
      };
    },

    async recordStep(deploymentId: string, step: StepName, status: StepStatus, message?: string): Promise<void> {
      await projection.recordStep(deploymentId, step, status, { message });
    },

    async recordSkippedSteps(deploymentId: string, steps: StepName[], message: string): Promise<void> {
      for (const step of steps) await projection.recordStep(deploymentId, step, 'SKIPPED', { message });
    },

    async markLive(deploymentId: string, appId: string): Promise<void> {
      await projection.markLive(deploymentId, appId);
      await projection.appendLogs(deploymentId, [{ stream: 'system', line: 'Deployment is LIVE.' }]);
    },

    async markFinished(deploymentId: string, status: 'FAILED' | 'CANCELLED', error: string): Promise<void> {
      await projection.updateDeployment(deploymentId, { status, error, finished: true });
      await projection.appendLogs(deploymentId, [{ stream: 'system', line: `Deployment ${status}: ${error}` }]);
    },

    async appendSystemLog(deploymentId: string, line: string): Promise<void> {
      await projection.appendLogs(deploymentId, [{ stream: 'system', line }]);
    },
  };
}
