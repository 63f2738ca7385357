import type { AppEntity, EnvVarEntity } from '@paas/db';
import type { AppModel } from './app.model.js';
import type { AutoscaleModel } from './autoscale.model.js';
import type { EnvVarModel } from './env-var.model.js';

/** `hasCredential`: whether the app's one git credential is stored (a token for http(s), a key for ssh://). */
export function toAppModel(e: AppEntity, hasCredential: boolean): AppModel {
  const ssh = e.gitUrl?.startsWith('ssh:') ?? false;
  return {
    id: e.id,
    teamId: e.teamId,
    name: e.name,
    kind: e.kind,
    runtime: e.runtime,
    gitUrl: e.gitUrl === null ? null : withoutCredentials(e.gitUrl),
    branch: e.branch,
    rootDirectory: e.rootDirectory,
    dockerfilePath: e.dockerfilePath,
    buildImage: e.buildImage,
    buildCommand: e.buildCommand,
    outputDirectory: e.outputDirectory,
    spaFallback: e.spaFallback,
    port: e.port,
    healthCheckPath: e.healthCheckPath,
    memoryMb: e.memoryMb,
    cpus: e.cpus,
    replicas: servingReplicas(e),
    autoscale: autoscaleOf(e),
    isolation: e.isolation,
    hasGitToken: hasCredential && !ssh,
    hasGitSshKey: hasCredential && ssh,
    createdAt: e.createdAt,
  };
}

/** Secret values never leave the server. */
export function toEnvVarModel(e: EnvVarEntity): EnvVarModel {
  return { key: e.key, value: e.secret ? null : e.value, secret: e.secret };
}

/** Rows stored before credentials in URLs were refused must not show them either: only ssh:// keeps its user name. */
export function withoutCredentials(gitUrl: string): string {
  try {
    const u = new URL(gitUrl);
    if (!u.username && !u.password) return gitUrl;
    if (u.protocol !== 'ssh:') u.username = '';
    u.password = '';
    return u.toString();
  } catch {
    return gitUrl.replace(/\/\/[^/@]*@/, '//'); // unparsable: drop anything that looks like user info
  }
}

/**
 * Instances serving now: what the worker last saw on Kubernetes (autoscaling moves it), else the
 * configured count (a Docker app runs one; a Kubernetes app not yet deployed runs none but shows its target).
 */
function servingReplicas(e: AppEntity): number {
  if (e.runtime === 'KUBERNETES' && e.servingReplicas !== null) return e.servingReplicas;
  return e.runtime === 'KUBERNETES' ? (e.autoscaleMinReplicas ?? e.replicas) : 1;
}

function autoscaleOf(e: AppEntity): AutoscaleModel | null {
  if (e.autoscaleMinReplicas === null || e.autoscaleMaxReplicas === null || e.autoscaleTargetCpuPercent === null) return null;
  return { minReplicas: e.autoscaleMinReplicas, maxReplicas: e.autoscaleMaxReplicas, targetCpuPercent: e.autoscaleTargetCpuPercent };
}
