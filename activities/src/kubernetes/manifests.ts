// The objects one Kubernetes release is made of, as plain manifests (pure: unit-tested without a
// cluster). Server-side apply makes applying them idempotent, so an activity retry is harmless.
import { LABELS } from '@paas/contracts';
import type { KubernetesObject, V1Deployment, V2HorizontalPodAutoscaler, V1Namespace, V1Secret, V1Service } from '@kubernetes/client-node';
import type { DeploymentPlan, KubernetesPlan } from '../plan.js';
import { releaseSecretName } from './names.js';

/** Settings of the worker's, the same for every app. */
export interface KubernetesManifestSettings {
  /** HPA: how long CPU must stay low before replicas are removed (Kubernetes' default, 300 s, is long for a demo). */
  scaleDownWindowSec: number;
  /** A removed pod keeps serving its in-flight requests this long while its endpoint is withdrawn. */
  preStopSleepSec: number;
}

type K8sPlan = DeploymentPlan & { kubernetes: KubernetesPlan };

export const appLabels = (plan: DeploymentPlan) => ({ [LABELS.managed]: 'true', [LABELS.app]: plan.appId, [LABELS.appName]: plan.appName });

/**
 * The team's namespace. Pod Security: `baseline` is enforced and `restricted` warned about and
 * audited: the platform's own settings meet `restricted` except runAsNonRoot, which images that
 * run as root (most public ones, busybox included) cannot meet.
 */
export function namespaceManifest(namespace: string, teamId: string | null): V1Namespace {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: namespace,
      labels: {
        [LABELS.managed]: 'true',
        ...(teamId ? { 'dev.paas.team': teamId } : {}),
        'pod-security.kubernetes.io/enforce': 'baseline',
        'pod-security.kubernetes.io/warn': 'restricted',
        'pod-security.kubernetes.io/audit': 'restricted',
      },
    },
  };
}

/** The release's env vars (secret or not: one place, never in the pod spec). Immutable: a restored ReplicaSet finds its own. */
export function envSecretManifest(plan: K8sPlan, env: { key: string; value: string }[]): V1Secret {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: releaseSecretName(plan.appName, plan.deploymentId), namespace: plan.kubernetes.namespace, labels: releaseLabels(plan) },
    type: 'Opaque',
    immutable: true,
    stringData: Object.fromEntries(env.map((e) => [e.key, e.value])),
  };
}

export function releaseLabels(plan: DeploymentPlan): Record<string, string> {
  return { ...appLabels(plan), [LABELS.deployment]: plan.deploymentId };
}

export function deploymentManifest(plan: K8sPlan, imageRef: string, runtimeClassName: string | null, s: KubernetesManifestSettings): V1Deployment {
  const k = plan.kubernetes;
  const { healthTimeoutMs, healthIntervalMs, healthSuccesses, stopTimeoutSec } = plan.timing;
  const size = plan.instance ?? { memoryMb: 512, cpus: 1 };
  const cpuLimit = Math.max(10, Math.round(size.cpus * 1000));
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: k.name, namespace: k.namespace, labels: appLabels(plan) },
    spec: {
      // with an autoscaler the HPA owns the count
      ...(k.autoscale ? {} : { replicas: k.replicas }),
      selector: { matchLabels: { [LABELS.app]: plan.appId } },
      // one extra pod at a time, none removed before its successor is ready: no request is dropped
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
      // the previous ReplicaSets are what an undo restores; the images are kept by the registry for rollbacks
      revisionHistoryLimit: 3,
      progressDeadlineSeconds: progressDeadlineSeconds(healthTimeoutMs),
      template: {
        metadata: { labels: releaseLabels(plan) },
        spec: {
          ...(runtimeClassName ? { runtimeClassName } : {}),
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          // the preStop sleep plus the app's own graceful stop
          terminationGracePeriodSeconds: s.preStopSleepSec + stopTimeoutSec,
          securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
          containers: [
            {
              name: 'app',
              image: imageRef,
              imagePullPolicy: 'IfNotPresent',
              ports: [{ name: 'http', containerPort: plan.port }],
              env: [{ name: 'PORT', value: String(plan.port) }],
              envFrom: [{ secretRef: { name: releaseSecretName(plan.appName, plan.deploymentId) } }],
              resources: {
                limits: { memory: `${size.memoryMb}Mi`, cpu: `${cpuLimit}m` },
                // a quarter of the CPU limit is reserved, so a small node holds several replicas; the
                // autoscaler's target percentage is of this request
                requests: { memory: `${size.memoryMb}Mi`, cpu: `${Math.max(10, Math.round(cpuLimit / 4))}m` },
              },
              readinessProbe: {
                httpGet: { path: plan.healthCheckPath, port: plan.port },
                periodSeconds: Math.max(1, Math.round(healthIntervalMs / 1000)),
                successThreshold: Math.max(1, healthSuccesses),
                failureThreshold: 3,
                timeoutSeconds: 2,
              },
              // endpoints are withdrawn asynchronously: keep serving while kube-proxy catches up
              lifecycle: { preStop: { sleep: { seconds: s.preStopSleepSec } } },
              securityContext: {
                allowPrivilegeEscalation: false,
                capabilities: { drop: ['ALL'] },
                seccompProfile: { type: 'RuntimeDefault' },
              },
            },
          ],
        },
      },
    },
  };
}

/** How long a rollout may make no progress (a pod becoming ready) before Kubernetes calls it failed. */
export function progressDeadlineSeconds(healthTimeoutMs: number): number {
  return Math.max(10, Math.ceil(healthTimeoutMs / 1000));
}

/** A ClusterIP Service: kube-proxy sends its address to the ready pods, whichever they are. */
export function serviceManifest(plan: K8sPlan): V1Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: plan.kubernetes.name, namespace: plan.kubernetes.namespace, labels: appLabels(plan) },
    spec: {
      type: 'ClusterIP',
      selector: { [LABELS.app]: plan.appId },
      ports: [{ name: 'http', port: plan.port, targetPort: plan.port, protocol: 'TCP' }],
    },
  };
}

export function autoscalerManifest(plan: K8sPlan, s: KubernetesManifestSettings): V2HorizontalPodAutoscaler | null {
  const a = plan.kubernetes.autoscale;
  if (!a) return null;
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: plan.kubernetes.name, namespace: plan.kubernetes.namespace, labels: appLabels(plan) },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: plan.kubernetes.name },
      minReplicas: a.minReplicas,
      maxReplicas: a.maxReplicas,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: a.targetCpuPercent } } }],
      behavior: { scaleDown: { stabilizationWindowSeconds: s.scaleDownWindowSec } },
    },
  };
}

/** How to name one object for a delete: enough of its header. */
export function objectRef(apiVersion: string, kind: string, namespace: string, name: string): KubernetesObject {
  return { apiVersion, kind, metadata: { name, namespace } };
}
