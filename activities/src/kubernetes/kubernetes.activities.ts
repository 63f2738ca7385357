// RUN, VERIFY, the undo of RUN and RETIRE of a KUBERNETES app, over the one KubernetesAdapter.
// RUN applies the team's namespace, the release's env Secret, the Deployment (the pushed image by
// digest), its Service and autoscaler; VERIFY follows the rollout with watches until the new pods
// are ready, and says why when they cannot be; the undo puts the previous pod template back so
// the previous ReplicaSet keeps serving (or removes everything when there was none).
import { ApplicationFailure } from '@temporalio/activity';
import { LABELS } from '@paas/contracts';
import type { V1Deployment, V1Pod } from '@kubernetes/client-node';
import type { DeploymentPlan, KubernetesPlan } from '../plan.js';
import type { ProjectionAdapter } from '../projection/projection.adapter.js';
import type { ActivitySettings } from '../settings.js';
import { withHeartbeat } from '../shared/heartbeat.js';
import { reportedStep } from '../shared/reported-step.js';
import type { KubernetesAdapter } from './kubernetes.adapter.js';
import {
  autoscalerManifest,
  deploymentManifest,
  progressDeadlineSeconds,
  envSecretManifest,
  namespaceManifest,
  objectRef,
  serviceManifest,
} from './manifests.js';
import { GVISOR_RUNTIME_CLASS, KATA_RUNTIME_CLASS, appSelector, kubernetesReleaseName } from './names.js';
import { podTrouble, rolloutState, type PodTrouble } from './rollout-status.js';

type K8sPlan = DeploymentPlan & { kubernetes: KubernetesPlan };

const LOG_TAIL = 20;
const OLD_PODS_SLACK_MS = 5_000;

export function createKubernetesActivities(kube: KubernetesAdapter | null, projection: ProjectionAdapter, settings: ActivitySettings) {
  const log = (plan: DeploymentPlan, ...lines: string[]) =>
    projection.appendLogs(
      plan.deploymentId,
      lines.map((line) => ({ stream: 'system' as const, line })),
    );

  function cluster(): KubernetesAdapter {
    if (!kube)
      throw ApplicationFailure.nonRetryable(
        'This worker has no Kubernetes cluster: start the platform with PAAS_KUBERNETES=embedded (or KUBECONFIG set).',
        'NoKubernetes',
      );
    return kube;
  }

  function kubernetesOf(plan: DeploymentPlan): K8sPlan {
    if (!plan.kubernetes) throw ApplicationFailure.nonRetryable('This deployment is not a Kubernetes one.', 'InvalidPlan');
    return plan as K8sPlan;
  }

  /** SANDBOXED: Kata where the node can run it (hardware virtualization), gVisor otherwise. */
  async function runtimeClassFor(plan: K8sPlan): Promise<string | null> {
    if (plan.kubernetes.isolation !== 'SANDBOXED') return null;
    const available = settings.kubernetes.sandboxRuntimes ?? (await cluster().runtimeClasses());
    if (available.includes(KATA_RUNTIME_CLASS)) return KATA_RUNTIME_CLASS;
    if (available.includes(GVISOR_RUNTIME_CLASS)) return GVISOR_RUNTIME_CLASS;
    throw ApplicationFailure.nonRetryable(
      `isolation SANDBOXED needs a "${KATA_RUNTIME_CLASS}" or "${GVISOR_RUNTIME_CLASS}" RuntimeClass, and this cluster has neither.`,
      'NoSandboxRuntime',
    );
  }

  async function applyRelease(p: K8sPlan, imageRef: string): Promise<string> {
    const k8s = cluster();
    const k = p.kubernetes;
    await k8s.apply(namespaceManifest(k.namespace, await projection.teamOf(p.appId)));
    // values are opened here only, and go straight into the Secret
    const env = await projection.getEnvSnapshot(p.deploymentId);
    await k8s.apply(envSecretManifest(p, env));
    const runtimeClass = await runtimeClassFor(p);
    await k8s.apply(deploymentManifest(p, imageRef, runtimeClass, settings.kubernetes));
    await k8s.apply(serviceManifest(p));
    const hpa = autoscalerManifest(p, settings.kubernetes);
    if (hpa) await k8s.apply(hpa);
    else await k8s.remove(objectRef('autoscaling/v2', 'HorizontalPodAutoscaler', k.namespace, k.name));
    const ip = await k8s.serviceClusterIp(k.namespace, k.name);
    if (!ip) throw ApplicationFailure.retryable(`Service ${k.namespace}/${k.name} has no cluster IP yet.`);
    const upstream = `${ip}:${p.port}`;
    const release = kubernetesReleaseName(k.namespace, k.name);
    await projection.updateDeployment(p.deploymentId, { containerName: release, upstream });
    const scale = k.autoscale
      ? `autoscaled ${k.autoscale.minReplicas}-${k.autoscale.maxReplicas} at ${k.autoscale.targetCpuPercent}% CPU`
      : `${k.replicas} replicas`;
    await log(
      p,
      `Applied Deployment ${k.namespace}/${k.name} (${imageRef}, ${scale}) and Service ${upstream}`,
      `Pods run under RuntimeClass ${runtimeClass ?? "default (the node's runc)"}${runtimeClass === GVISOR_RUNTIME_CLASS ? ' (gVisor)' : runtimeClass === KATA_RUNTIME_CLASS ? ' (Kata Containers)' : ''}.`,
    );
    return upstream;
  }

  /** Waits, by watching, until every replica runs the new template and is ready; bounded by the health timeout per pod. */
  async function verifyRollout(p: K8sPlan): Promise<void> {
    const k8s = cluster();
    const { namespace, name } = p.kubernetes;
    // pods are replaced one at a time (maxSurge 1): each may take the health timeout to become ready
    const timeoutMs = p.timing.healthTimeoutMs * (p.kubernetes.autoscale?.minReplicas ?? p.kubernetes.replicas);
    await log(p, `Waiting for the rollout of ${namespace}/${name}: every pod ready (GET ${p.healthCheckPath}), within ${Math.round(timeoutMs / 1000)} s`);
    await withHeartbeat(async (cancelled) => {
      const timeout = AbortSignal.timeout(timeoutMs);
      const stop = new AbortController();
      const signal = AbortSignal.any([cancelled, timeout, stop.signal]);
      const selector = `${LABELS.deployment}=${p.deploymentId}`;
      try {
        const outcome = await Promise.race([
          k8s.watchUntil<V1Deployment, { ready: number }>(
            k8s.deploymentsPath(namespace),
            k8s.listDeployments(namespace, appSelector(p.appId)),
            appSelector(p.appId),
            (d) => {
              if (d.metadata?.name !== name) return undefined;
              const s = rolloutState(d, p.deploymentId);
              if ('failed' in s) throw new RolloutFailed(s.failed);
              return s.done ? { ready: s.ready } : undefined;
            },
            signal,
          ),
          k8s.watchUntil<V1Pod, never>(
            k8s.podsPath(namespace),
            k8s.listPods(namespace, selector),
            selector,
            (pod) => {
              const trouble = podTrouble(pod);
              if (trouble) throw new PodFailed(trouble);
              return undefined;
            },
            signal,
          ),
        ]);
        // LIVE means only the new release serves: the old pods finish their requests and go first
        // (their preStop sleep, then the app's own stop, within their termination grace period)
        const others = `${appSelector(p.appId)},${LABELS.deployment}!=${p.deploymentId}`;
        const graceMs = (settings.kubernetes.preStopSleepSec + p.timing.stopTimeoutSec) * 1000 + OLD_PODS_SLACK_MS;
        const oldGone = await k8s
          .watchUntilNone<V1Pod>(k8s.podsPath(namespace), k8s.listPods(namespace, others), others, AbortSignal.any([cancelled, AbortSignal.timeout(graceMs)]))
          .then(() => true)
          .catch((err: unknown) => {
            if (cancelled.aborted) throw err;
            return false; // the new pods serve already: an old pod slow to go is no reason to undo them
          });
        await projection.setServingReplicas(p.appId, outcome.ready);
        await log(
          p,
          `Rollout complete: ${outcome.ready} pods ready${oldGone ? ", the previous release's pods gone" : "; the previous release's pods are still stopping"}.`,
        );
      } catch (err) {
        if (cancelled.aborted) throw err;
        if (err instanceof PodFailed) throw await failure(p, err.trouble);
        // Kubernetes' own progress deadline (the health timeout) may pass first: the probe's events say why
        if (err instanceof RolloutFailed || timeout.aborted) throw await notReady(p, err instanceof RolloutFailed ? progressDeadlineMs(p) : timeoutMs);
        throw err;
      } finally {
        stop.abort();
      }
    });
  }

  /** The deployment's error, with what the user needs to fix it (a crashing app's last lines go to its log too). */
  async function failure(p: K8sPlan, t: PodTrouble): Promise<ApplicationFailure> {
    let message = `The new pods did not become ready: ${t.message}.`;
    if (t.kind === 'crash-loop' && t.pod) {
      const lines = await cluster().podLogTail(p.kubernetes.namespace, t.pod, LOG_TAIL, true);
      await projection.appendLogs(
        p.deploymentId,
        lines.map((line) => ({ stream: 'stderr' as const, line })),
      );
      if (lines.length) message += ` Its last log lines: ${lines.slice(-5).join(' | ')}`;
    }
    return ApplicationFailure.nonRetryable(`${message} The previous release keeps serving.`, 'RolloutFailed');
  }

  /** No pod trouble, but not ready in time: the readiness probe's own events say why. */
  async function notReady(p: K8sPlan, timeoutMs: number): Promise<ApplicationFailure> {
    const k8s = cluster();
    const pods = await k8s.pods(p.kubernetes.namespace, `${LABELS.deployment}=${p.deploymentId}`);
    const reasons = new Set<string>();
    for (const pod of pods) {
      for (const e of await k8s.podEvents(p.kubernetes.namespace, pod.metadata?.name ?? '')) {
        if (e.type === 'Warning' && e.message) reasons.add(e.reason === 'Unhealthy' ? e.message : `${e.reason}: ${e.message}`);
      }
    }
    const why = reasons.size ? [...reasons].slice(-3).join('; ') : 'no pod reported a reason';
    return ApplicationFailure.nonRetryable(
      `The new pods were not ready within ${Math.round(timeoutMs / 1000)} s (GET ${p.healthCheckPath} on port ${p.port} must answer 2xx): ${why}. The previous release keeps serving.`,
      'RolloutFailed',
    );
  }

  /**
   * The undo of RUN. When the Deployment runs this release's template, the previous release's
   * template comes back (its ReplicaSet scales up again, and the new pods go); with no previous
   * Kubernetes release the app's objects are removed. A retry finds the work done.
   */
  async function undoRelease(p: K8sPlan): Promise<void> {
    const k8s = cluster();
    const { namespace, name } = p.kubernetes;
    await withHeartbeat(async () => {
      const d = await k8s.deployment(namespace, name);
      const runs = d?.spec?.template.metadata?.labels?.[LABELS.deployment];
      const previousId = p.previous?.containerName?.startsWith('k8s:') ? p.previous.deploymentId : null;
      if (d && runs === p.deploymentId && previousId) {
        const rs = (await k8s.replicaSets(namespace, `${LABELS.deployment}=${previousId}`))[0];
        if (rs?.spec?.template) {
          const template = rs.spec.template;
          delete template.metadata?.labels?.['pod-template-hash'];
          await k8s.restoreTemplate(namespace, name, template);
          await log(p, `Rolled ${namespace}/${name} back to the previous release's pods (${previousId}).`);
        }
      } else if (!previousId) {
        await removeObjects(namespace, name, p.appId);
        await log(p, `Removed ${namespace}/${name}: there was no earlier Kubernetes release to go back to.`);
      }
      await k8s.removeSecrets(namespace, `${LABELS.deployment}=${p.deploymentId}`);
    });
  }

  async function removeObjects(namespace: string, name: string, appId: string): Promise<void> {
    const k8s = cluster();
    await k8s.remove(objectRef('autoscaling/v2', 'HorizontalPodAutoscaler', namespace, name));
    await k8s.remove(objectRef('apps/v1', 'Deployment', namespace, name));
    await k8s.remove(objectRef('v1', 'Service', namespace, name));
    await k8s.removeSecrets(namespace, appSelector(appId));
  }

  /** RETIRE on Kubernetes: the Deployment already replaced the old pods; the old releases' Secrets go. */
  async function retireRelease(p: K8sPlan): Promise<void> {
    const k8s = cluster();
    // the ReplicaSets Kubernetes keeps (revisionHistoryLimit) may be restored by an undo: their Secrets stay
    const kept = new Set([p.deploymentId]);
    for (const rs of await k8s.replicaSets(p.kubernetes.namespace, appSelector(p.appId)))
      kept.add(rs.spec?.template?.metadata?.labels?.[LABELS.deployment] ?? '');
    const removed = await k8s.removeSecrets(p.kubernetes.namespace, appSelector(p.appId), (s) => kept.has(s.metadata?.labels?.[LABELS.deployment] ?? ''));
    if (removed.length) await log(p, `Removed the env Secrets of old releases: ${removed.join(', ')}`);
  }

  /**
   * An app that moved to Docker (or was deleted): its Kubernetes objects go. `release` is a
   * projection's release name (k8s:<namespace>/<name>).
   */
  async function removeKubernetesRelease(deploymentId: string, appId: string, release: string): Promise<void> {
    const m = /^k8s:([a-z0-9-]+)\/([a-z0-9-]+)$/.exec(release);
    if (!m) return;
    await withHeartbeat(() => removeObjects(m[1], m[2], appId));
    await projection.appendLogs(deploymentId, [{ stream: 'system', line: `Removed the app's Kubernetes objects (${m[1]}/${m[2]}).` }]);
  }

  return {
    applyKubernetesRelease: (plan: DeploymentPlan, imageRef: string) =>
      reportedStep(projection, plan, 'RUN', () => withHeartbeat(() => applyRelease(kubernetesOf(plan), imageRef)), 'DEPLOYING'),
    verifyKubernetesRollout: (plan: DeploymentPlan) => reportedStep(projection, plan, 'VERIFY', () => verifyRollout(kubernetesOf(plan)), 'VERIFYING'),
    undoKubernetesRelease: (plan: DeploymentPlan) => undoRelease(kubernetesOf(plan)),
    retireKubernetesRelease: (plan: DeploymentPlan) => withHeartbeat(() => retireRelease(kubernetesOf(plan))),
    removeKubernetesRelease,
  };
}

class RolloutFailed extends Error {}

const progressDeadlineMs = (p: DeploymentPlan) => progressDeadlineSeconds(p.timing.healthTimeoutMs) * 1000;

class PodFailed extends Error {
  constructor(readonly trouble: PodTrouble) {
    super(trouble.message);
  }
}
