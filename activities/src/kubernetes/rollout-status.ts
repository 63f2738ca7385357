// Reading a rollout from the objects a watch delivers (pure, unit-tested): is the Deployment done,
// and if a pod of the new release cannot become ready, why, in words a user can act on.
import { LABELS } from '@paas/contracts';
import type { V1Deployment, V1Pod } from '@kubernetes/client-node';

export type RolloutState = { done: true; ready: number } | { done: false; waitingFor: string } | { failed: string };

/** The same rule as `kubectl rollout status`, for the template of this deployment only. */
export function rolloutState(d: V1Deployment, deploymentId: string): RolloutState {
  const spec = d.spec;
  const status = d.status ?? {};
  if (spec?.template.metadata?.labels?.[LABELS.deployment] !== deploymentId) return { done: false, waitingFor: 'the new pod template' };
  if ((d.metadata?.generation ?? 0) > (status.observedGeneration ?? -1)) return { done: false, waitingFor: 'the controller to see the change' };
  const stalled = status.conditions?.find((c) => c.type === 'Progressing' && c.reason === 'ProgressDeadlineExceeded');
  if (stalled) return { failed: `the rollout made no progress within its deadline (${stalled.message ?? 'ProgressDeadlineExceeded'})` };
  const want = spec.replicas ?? 1;
  const updated = status.updatedReplicas ?? 0;
  if (updated < want) return { done: false, waitingFor: `${updated} of ${want} new pods created` };
  if ((status.replicas ?? 0) > updated) return { done: false, waitingFor: `${(status.replicas ?? 0) - updated} old pods to stop` };
  if ((status.availableReplicas ?? 0) < updated) return { done: false, waitingFor: `${status.availableReplicas ?? 0} of ${updated} new pods ready` };
  return { done: true, ready: status.readyReplicas ?? updated };
}

export type PodTrouble = { kind: 'image-pull' | 'crash-loop' | 'config' | 'sandbox'; pod: string; message: string };

const IMAGE_PULL = new Set(['ErrImagePull', 'ImagePullBackOff', 'InvalidImageName', 'ErrImageNeverPull']);
const CONFIG = new Set(['CreateContainerConfigError', 'CreateContainerError', 'RunContainerError']);
/**
 * Config errors the kubelet retries at its next sync of the pod, which then usually succeeds: its
 * cache of a new Secret not filled within its one-second wait (a busy API server), or a runtime
 * call that timed out. A missing Secret or a bad command stays an error.
 */
const TRANSIENT_CONFIG = /failed to sync \S+ cache|context deadline exceeded/;

/** A reason the pod will not become ready without a new release; undefined while it may still. */
export function podTrouble(pod: V1Pod): PodTrouble | undefined {
  const name = pod.metadata?.name ?? '?';
  for (const c of pod.status?.containerStatuses ?? []) {
    const waiting = c.state?.waiting;
    if (waiting?.reason && IMAGE_PULL.has(waiting.reason))
      return { kind: 'image-pull', pod: name, message: `the image could not be pulled (${waiting.reason}: ${waiting.message ?? 'no detail'})` };
    const crashed = waiting?.reason === 'CrashLoopBackOff' || (c.restartCount >= 2 && !c.ready);
    if (crashed) {
      const last = c.lastState?.terminated;
      const how = last ? `exit code ${last.exitCode}${last.reason ? `, ${last.reason}` : ''}` : 'restarting';
      return { kind: 'crash-loop', pod: name, message: `the app's container keeps crashing (CrashLoopBackOff, ${how})` };
    }
    if (waiting?.reason && CONFIG.has(waiting.reason) && !TRANSIENT_CONFIG.test(waiting.message ?? ''))
      return { kind: 'config', pod: name, message: `the container could not be created (${waiting.reason}: ${waiting.message ?? 'no detail'})` };
  }
  return undefined;
}
