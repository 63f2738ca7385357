// Events of Kubernetes apps for the timeline, from the objects' own state (followed with
// informers, which relist after a broken watch, so nothing is missed): a release pod's app
// container started, exited (a restart by the kubelet: crashed, or OOM-killed), or the pod was
// stopped (deleted by a rollout, a scale-down or a retire); an autoscaler scaled the app. Each
// event's key comes from the object (pod uid and the container's start or finish time, the
// autoscaler's last scale time), so a relist or a second worker records nothing twice.
import type { KubernetesAdapter, V1Pod, V2HorizontalPodAutoscaler } from '@paas/activities';
import { LABELS } from '@paas/contracts';
import type { EngineEvent, EngineEvents } from './runtime-source.js';

const APP_CONTAINER = 'app';
/** Keys already handed on (a pod's status changes often; its events do not): bounded memory. */
const SEEN_MAX = 10_000;

/** The events a release pod's state shows: its app container's start and last exit, its deletion. */
export function podEvents(pod: V1Pod): EngineEvent[] {
  const labels = pod.metadata?.labels ?? {};
  const uid = pod.metadata?.uid;
  const appId = labels[LABELS.app];
  const name = pod.metadata?.name;
  if (!uid || !appId || !name || !labels[LABELS.deployment]) return [];
  const base = { instanceId: `k8s:${uid}`, instance: name, appId, deploymentId: labels[LABELS.deployment] ?? null };
  const status = pod.status?.containerStatuses?.find((c) => c.name === APP_CONTAINER);
  const events: EngineEvent[] = [];
  const last = status?.lastState?.terminated;
  if (last?.finishedAt) {
    const at = new Date(last.finishedAt);
    const oom = last.reason === 'OOMKilled';
    events.push({ ...base, action: oom ? 'oom' : 'die', exitCode: last.exitCode, at, key: `k8s:${uid}:exited:${at.toISOString()}` });
  }
  const startedAt = status?.state?.running?.startedAt;
  if (startedAt) events.push({ ...base, action: 'start', at: new Date(startedAt), key: `k8s:${uid}:started:${new Date(startedAt).toISOString()}` });
  if (pod.metadata?.deletionTimestamp) events.push({ ...base, action: 'stop', at: new Date(pod.metadata.deletionTimestamp), key: `k8s:${uid}:deleted` });
  return events;
}

/** The autoscaler's last scaling, as an event (its status keeps only the last one). */
export function autoscalerEvent(hpa: V2HorizontalPodAutoscaler): EngineEvent | null {
  const uid = hpa.metadata?.uid;
  const appId = hpa.metadata?.labels?.[LABELS.app];
  const lastScale = hpa.status?.lastScaleTime;
  const replicas = hpa.status?.desiredReplicas;
  if (!uid || !appId || !lastScale || replicas === undefined) return null;
  const at = new Date(lastScale);
  return {
    instanceId: `k8s:${uid}`,
    instance: hpa.metadata?.name ?? uid,
    appId,
    deploymentId: null,
    action: 'scaled',
    replicas,
    bounds: { min: hpa.spec?.minReplicas ?? 1, max: hpa.spec?.maxReplicas ?? replicas },
    at,
    key: `k8s:${uid}:scaled:${at.toISOString()}`,
  };
}

export class KubernetesEngineEvents implements EngineEvents {
  constructor(
    private readonly kube: KubernetesAdapter,
    private readonly log: (line: string) => void,
  ) {}

  subscribe(since: Date, onEvent: (e: EngineEvent) => void): Promise<{ close(): void }> {
    const seen = new Set<string>();
    const emit = (e: EngineEvent | null) => {
      if (!e || e.at < since || seen.has(e.key)) return;
      if (seen.size >= SEEN_MAX) seen.clear();
      seen.add(e.key);
      onEvent(e);
    };
    const onError = (what: string) => (err: unknown) =>
      this.log(`events: the watch of Kubernetes ${what} broke (${err instanceof Error ? err.message : String(err)}); watching again`);
    const selector = `${LABELS.managed}=true`;
    const stops = [
      this.kube.followPods(`${selector},${LABELS.deployment}`, (pod) => podEvents(pod).forEach(emit), onError('pods')),
      this.kube.followAutoscalers(selector, (hpa) => emit(autoscalerEvent(hpa)), onError('autoscalers')),
    ];
    return Promise.resolve({ close: () => void Promise.all(stops.map((stop) => stop())) });
  }
}
