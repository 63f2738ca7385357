// Names and labels of what the platform creates in Kubernetes. Everything carries the same labels
// as its Docker containers, so "what belongs to this app" is one label selector in either runtime.
import { LABELS } from '@paas/contracts';

/** One namespace per team: a team's apps share it, and nothing else does. */
export function teamNamespace(teamId: string): string {
  return `paas-team-${teamId.toLowerCase()}`;
}

/** One Secret per release, immutable: a restored ReplicaSet finds its own env vars again. */
export function releaseSecretName(appName: string, deploymentId: string): string {
  return `${appName}-env-${deploymentId.slice(0, 8)}`;
}

/** What the edge and the projection call a Kubernetes release (there is no container name). */
export function kubernetesReleaseName(namespace: string, appName: string): string {
  return `k8s:${namespace}/${appName}`;
}

export const appSelector = (appId: string) => `${LABELS.app}=${appId}`;

/** The field manager of the platform's server-side applies. */
export const FIELD_MANAGER = 'paas';

/** The runtime class SANDBOXED pods get where the node has no hardware virtualization. */
export const GVISOR_RUNTIME_CLASS = 'gvisor';
export const KATA_RUNTIME_CLASS = 'kata';
