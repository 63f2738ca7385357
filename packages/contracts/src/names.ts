// Names that more than one process must agree on.

export const TASK_QUEUE = 'paas-deployments';

/** The long-lived per-app workflow that serializes an app's deployments. */
export function appDeployerWorkflowId(appId: string): string {
  return `app-${appId}`;
}

/** The workflow that carries one deployment. */
export function deploymentWorkflowId(deploymentId: string): string {
  return `deploy-${deploymentId}`;
}

/** The workflow that notifies a team's channels of one event (a deployment's end, a release crash-looping). */
export function notificationWorkflowId(topic: 'deployment' | 'crash_looping', deploymentId: string): string {
  return topic === 'deployment' ? `notify-${deploymentId}` : `notify-crash-looping-${deploymentId}`;
}

export function appTeardownWorkflowId(appId: string): string {
  return `teardown-${appId}`;
}

/** Docker labels that tie resources to the platform, an app and a deployment. */
export const LABELS = {
  managed: 'dev.paas.managed',
  app: 'dev.paas.app',
  appName: 'dev.paas.app-name',
  deployment: 'dev.paas.deployment',
} as const;

export function appNetworkName(appName: string): string {
  return `paas-app-${appName}`;
}

export function releaseContainerName(appName: string, deploymentId: string): string {
  return `paas-${appName}-${deploymentId.slice(0, 8)}`;
}

export function imageRepository(registry: string, appName: string): string {
  return `${registry}/paas/${appName}`;
}

/** PostgreSQL NOTIFY channels the projection (and the workers' health reports) publish on and the gateway listens to. */
export const NOTIFY_CHANNELS = {
  deployment: 'paas_deployment',
  log: 'paas_log',
  workerHealth: 'paas_worker_health',
  runtimeLog: 'paas_runtime_log',
} as const;

/** The dependencies a worker reports it can reach, for a gateway that cannot probe them itself. */
export const WORKER_PROBED_DEPENDENCIES = ['docker', 'registry', 'edge', 'siteServer'] as const;
export type WorkerProbedDependency = (typeof WORKER_PROBED_DEPENDENCIES)[number];

export function scheduledRedeployWorkflowId(scheduleId: string): string {
  return `scheduled-redeploy-${scheduleId}`;
}

/** Object storage: one immutable prefix per release of a STATIC app. */
export function siteReleasePrefix(appId: string, releaseId: string): string {
  return `sites/${appId}/${releaseId}/`;
}

/** Object storage: where a ZIP uploaded through a pre-signed URL waits for its deployment. */
export function siteUploadKey(appId: string, uploadId: string): string {
  return `uploads/${appId}/${uploadId}.zip`;
}

/** The edge host that serves a STATIC release before it goes live, for its checks. */
export function sitePreviewHost(deploymentId: string, baseDomain: string): string {
  return `preview-${deploymentId}.${baseDomain}`;
}
