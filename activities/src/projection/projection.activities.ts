import { ApplicationFailure } from '@temporalio/activity';
import { appNetworkName, imageRepository, releaseContainerName, siteReleasePrefix, sitePreviewHost, type StepName, type StepStatus } from '@paas/contracts';
import type { DeploymentPlan, KubernetesPlan, SitePlan } from '../plan.js';
import { teamNamespace } from '../kubernetes/names.js';
import type { DeploymentRecord } from './projection.adapter.js';
import type { ActivitySettings } from '../settings.js';
import type { ProjectionAdapter } from './projection.adapter.js';

export function createProjectionActivities(projection: ProjectionAdapter, settings: ActivitySettings) {
  function sitePlan(d: DeploymentRecord, previous: DeploymentRecord | undefined): SitePlan {
    // a rollback carries its source's prefix; a new release gets one of its own
    const prefix = d.sitePrefix ?? siteReleasePrefix(d.appId, d.id);
    return {
      releaseId: releaseIdOf(prefix),
      prefix,
      restoring: d.sourceDeploymentId !== null && d.sitePrefix !== null,
      previewHost: sitePreviewHost(d.id, settings.baseDomain),
      upstream: settings.sites.upstream,
      buildImage: d.config.buildImage ?? null,
      buildCommand: d.config.buildCommand ?? null,
      outputDirectory: d.config.outputDirectory ?? (d.config.buildCommand ? 'dist' : '.'),
      spaFallback: d.config.spaFallback ?? false,
      uploadId: d.uploadId,
      previousReleaseId: previous?.sitePrefix ? releaseIdOf(previous.sitePrefix) : null,
    };
  }

  return {
    async planDeployment(deploymentId: string): Promise<DeploymentPlan> {
      const d = await projection.getDeployment(deploymentId);
      if (!d) throw ApplicationFailure.nonRetryable(`Deployment ${deploymentId} does not exist (was its app deleted?)`, 'NotFound');
      const kind = d.config.kind === 'STATIC' ? 'STATIC' : 'SERVICE';
      if (!d.config.gitUrl && !(kind === 'STATIC' && (d.uploadId || d.sitePrefix))) {
        throw ApplicationFailure.nonRetryable('The app has no git repository to deploy from; deploy an uploaded archive instead.', 'InvalidApp');
      }
      const previous = await projection.getLiveDeployment(d.appId, d.id, d.previewId);
      const appName = d.config.appName;
      const rollback = kind === 'SERVICE' && d.sourceDeploymentId && d.imageRef ? { sourceDeploymentId: d.sourceDeploymentId, imageRef: d.imageRef } : null;
      return {
        deploymentId,
        site: kind === 'STATIC' ? sitePlan(d, previous) : null,
        appId: d.appId,
        previewId: d.previewId,
        // appName is `<app>-pr-<n>` here: the URL previewUrl() of @paas/contracts gives
        previewUrl: d.previewId ? `http://${appName}.${settings.baseDomain}:${settings.edgePort}/` : null,
        appName,
        host: `${appName}.${settings.baseDomain}`,
        gitUrl: d.config.gitUrl ?? '',
        branch: d.config.branch,
        requestedSha: d.requestedSha,
        rootDirectory: d.config.rootDirectory,
        dockerfilePath: d.config.dockerfilePath,
        port: d.config.port,
        healthCheckPath: d.config.healthCheckPath,
        instance: d.config.memoryMb && d.config.cpus ? { memoryMb: d.config.memoryMb, cpus: d.config.cpus } : null,
        imageTag: `${imageRepository(settings.registry, appName)}:${deploymentId}`,
        // a rollback runs under the source release's name, so a source container that is still
        // running (not retired yet) is found and reused: the switch is then immediate
        containerName: releaseContainerName(appName, rollback?.sourceDeploymentId ?? deploymentId),
        network: appNetworkName(appName),
        previous: previous?.containerName ? { deploymentId: previous.id, containerName: previous.containerName, upstream: previous.upstream } : null,
        rollback,
        kubernetes: kind === 'SERVICE' && d.config.runtime === 'KUBERNETES' ? kubernetesPlan(d, await projection.teamOf(d.appId)) : null,
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
  };
}

function kubernetesPlan(d: DeploymentRecord, teamId: string): KubernetesPlan {
  return {
    namespace: teamNamespace(teamId),
    name: d.config.appName,
    replicas: d.config.replicas ?? 1,
    autoscale: d.config.autoscale ?? null,
    isolation: d.config.isolation === 'SANDBOXED' ? 'SANDBOXED' : 'STANDARD',
  };
}

/** `sites/<appId>/<releaseId>/` → releaseId */
export function releaseIdOf(prefix: string): string {
  const id = prefix.split('/').filter(Boolean).at(-1);
  if (!id || !/^[0-9a-f-]{36}$/.test(id)) throw new Error(`not a site release prefix: ${prefix}`);
  return id;
}
