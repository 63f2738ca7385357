// The one owner of the Kubernetes API client (@kubernetes/client-node): the activities call these
// methods and nothing else talks to the cluster. Writes are server-side applies (idempotent, so
// retries are safe) and deletes that treat "already gone" as done.
import {
  ApiException,
  AppsV1Api,
  AutoscalingV2Api,
  CoreV1Api,
  KubeConfig,
  KubernetesObjectApi,
  Log,
  NodeV1Api,
  PatchStrategy,
  makeInformer,
  Metrics,
  topPods,
  type CoreV1Event,
  type KubernetesObject,
  type V1Deployment,
  type V1Pod,
  type V1PodTemplateSpec,
  type V1ReplicaSet,
  type V1Secret,
  type V2HorizontalPodAutoscaler,
} from '@kubernetes/client-node';
import { PassThrough } from 'node:stream';
import { LABELS } from '@paas/contracts';
import { FIELD_MANAGER } from './names.js';

/** The objects the worker's event recorder reads (it has no client of its own). */
export type { V1Pod, V2HorizontalPodAutoscaler };

export class KubernetesAdapter {
  private readonly objects: KubernetesObjectApi;
  private readonly core: CoreV1Api;
  private readonly apps: AppsV1Api;
  private readonly node: NodeV1Api;
  private readonly autoscaling: AutoscalingV2Api;

  constructor(private readonly kc: KubeConfig) {
    this.objects = KubernetesObjectApi.makeApiClient(kc);
    this.core = kc.makeApiClient(CoreV1Api);
    this.apps = kc.makeApiClient(AppsV1Api);
    this.node = kc.makeApiClient(NodeV1Api);
    this.autoscaling = kc.makeApiClient(AutoscalingV2Api);
  }

  /** The cluster of this kubeconfig file (KUBECONFIG: the embedded cluster's, or the operator's). */
  static fromKubeconfig(path: string): KubernetesAdapter {
    const kc = new KubeConfig();
    kc.loadFromFile(path);
    return new KubernetesAdapter(kc);
  }

  /**
   * CPU and memory of the platform's running pods from the metrics API (metrics.k8s.io, served by
   * metrics-server). That API has no network figures: the sampler records 0 bytes for pods.
   */
  async podReadings(): Promise<{ name: string; appId: string; cpuPercent: number; memoryMb: number }[]> {
    const pods = await topPods(this.core, new Metrics(this.kc));
    return (
      pods
        // a pod metrics-server has not measured yet has no containers here: no reading, not a reading of 0
        .filter(
          (p) =>
            p.Pod.metadata?.labels?.[LABELS.managed] === 'true' &&
            p.Pod.metadata.labels[LABELS.app] &&
            p.Pod.status?.phase === 'Running' &&
            p.Containers.length > 0,
        )
        .map((p) => ({
          name: `${p.Pod.metadata!.namespace}/${p.Pod.metadata!.name}`,
          appId: p.Pod.metadata!.labels![LABELS.app],
          cpuPercent: Number(p.CPU.CurrentUsage) * 100,
          memoryMb: Number(p.Memory.CurrentUsage) / (1024 * 1024),
        }))
    );
  }

  /** Server-side apply: creates or updates the fields the platform owns, taking them over from anyone else. */
  async apply<T extends KubernetesObject>(object: T): Promise<T> {
    return this.objects.patch(object, undefined, undefined, FIELD_MANAGER, true, PatchStrategy.ServerSideApply);
  }

  /** Deletes the object; one that is gone already is fine. */
  async remove(object: KubernetesObject): Promise<void> {
    await ignoreNotFound(this.objects.delete(object, undefined, undefined, undefined, undefined, 'Background'));
  }

  /** Deletes the matching Secrets but those `keep` holds on to; returns the names deleted. */
  async removeSecrets(namespace: string, labelSelector: string, keep: (secret: V1Secret) => boolean = () => false): Promise<string[]> {
    const { items } = await this.core.listNamespacedSecret({ namespace, labelSelector });
    const removed: string[] = [];
    for (const s of items) {
      const name = s.metadata?.name;
      if (!name || keep(s)) continue;
      await ignoreNotFound(this.core.deleteNamespacedSecret({ name, namespace }));
      removed.push(name);
    }
    return removed;
  }

  /** Everything of one app, in whichever namespace: its Deployments, Services, autoscalers and Secrets. */
  async removeApp(labelSelector: string): Promise<number> {
    const lists = await Promise.all([
      this.apps.listDeploymentForAllNamespaces({ labelSelector }),
      this.core.listServiceForAllNamespaces({ labelSelector }),
      this.autoscaling.listHorizontalPodAutoscalerForAllNamespaces({ labelSelector }),
      this.core.listSecretForAllNamespaces({ labelSelector }),
    ]);
    const refs = [
      ...lists[0].items.map((o) => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: o.metadata })),
      ...lists[1].items.map((o) => ({ apiVersion: 'v1', kind: 'Service', metadata: o.metadata })),
      ...lists[2].items.map((o) => ({ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: o.metadata })),
      ...lists[3].items.map((o) => ({ apiVersion: 'v1', kind: 'Secret', metadata: o.metadata })),
    ];
    for (const ref of refs)
      await this.remove({ apiVersion: ref.apiVersion, kind: ref.kind, metadata: { name: ref.metadata?.name, namespace: ref.metadata?.namespace } });
    return refs.length;
  }

  async deployment(namespace: string, name: string): Promise<V1Deployment | null> {
    return ignoreNotFound(this.apps.readNamespacedDeployment({ name, namespace }));
  }

  async replicaSets(namespace: string, labelSelector: string): Promise<V1ReplicaSet[]> {
    return (await this.apps.listNamespacedReplicaSet({ namespace, labelSelector })).items;
  }

  /** What `kubectl rollout undo` does: the Deployment's pod template becomes an earlier ReplicaSet's again. */
  async restoreTemplate(namespace: string, name: string, template: V1PodTemplateSpec): Promise<void> {
    const current = await this.apps.readNamespacedDeployment({ name, namespace });
    current.spec!.template = template;
    await this.apps.replaceNamespacedDeployment({ name, namespace, body: current, fieldManager: FIELD_MANAGER });
  }

  async serviceClusterIp(namespace: string, name: string): Promise<string | null> {
    const svc = await ignoreNotFound(this.core.readNamespacedService({ name, namespace }));
    const ip = svc?.spec?.clusterIP;
    return ip && ip !== 'None' ? ip : null;
  }

  async pods(namespace: string, labelSelector: string): Promise<V1Pod[]> {
    return (await this.core.listNamespacedPod({ namespace, labelSelector })).items;
  }

  /** The last lines a container wrote; `previous`: of its instance before the last restart. */
  async podLogTail(namespace: string, pod: string, lines: number, previous: boolean): Promise<string[]> {
    try {
      const text = await this.core.readNamespacedPodLog({ name: pod, namespace, container: 'app', tailLines: lines, previous });
      return String(text).split('\n').filter(Boolean);
    } catch (err) {
      if (err instanceof ApiException) return []; // no previous instance, or the pod went
      throw err;
    }
  }

  /** Running pods of release Deployments (they carry a deployment label), in every namespace: the runtime log collector's instances. */
  async runningReleasePods(): Promise<V1Pod[]> {
    const { items } = await this.core.listPodForAllNamespaces({
      labelSelector: 'dev.paas.managed=true,dev.paas.deployment',
      fieldSelector: 'status.phase=Running',
    });
    return items;
  }

  /**
   * Follows the app container's log of a pod with timestamps ("<RFC 3339 nano> <line>\n"), from
   * `sinceTime` (RFC 3339; the API keeps whole seconds). The stream ends when the container stops.
   */
  async followPodLog(namespace: string, pod: string, sinceTime: string | undefined): Promise<{ stream: PassThrough; abort: () => void }> {
    const stream = new PassThrough();
    const controller = await new Log(this.kc).log(namespace, pod, 'app', stream, { follow: true, timestamps: true, ...(sinceTime ? { sinceTime } : {}) });
    return { stream, abort: () => controller.abort() };
  }

  async podEvents(namespace: string, pod: string): Promise<CoreV1Event[]> {
    const { items } = await this.core.listNamespacedEvent({ namespace, fieldSelector: `involvedObject.kind=Pod,involvedObject.name=${pod}` });
    return items;
  }

  async runtimeClasses(): Promise<string[]> {
    return (await this.node.listRuntimeClass()).items.map((r) => r.metadata?.name ?? '').filter(Boolean);
  }

  /**
   * Follows the objects at `path` (e.g. /apis/apps/v1/namespaces/x/deployments) matching the
   * selector with a watch (the informer relists and rewatches), calling `check` on every change
   * until it returns a value, throws, or the signal aborts.
   */
  async watchUntil<T extends KubernetesObject, R>(
    path: string,
    list: () => Promise<{ items: T[]; metadata?: { resourceVersion?: string } }>,
    labelSelector: string,
    check: (obj: T) => R | undefined,
    signal: AbortSignal,
  ): Promise<R> {
    const informer = makeInformer<T>(this.kc, path, list, labelSelector);
    try {
      return await new Promise<R>((resolve, reject) => {
        const onObject = (obj: T) => {
          try {
            const r = check(obj);
            if (r !== undefined) resolve(r);
          } catch (err) {
            reject(err);
          }
        };
        informer.on('add', onObject);
        informer.on('update', onObject);
        // a broken watch ends the activity attempt; Temporal's retry starts a new one
        informer.on('error', (err: unknown) => reject(err instanceof Error ? err : new Error(`watch of ${path} failed: ${String(err)}`)));
        signal.addEventListener('abort', () => reject(signal.reason instanceof Error ? signal.reason : new Error('aborted')), { once: true });
        informer.start().catch(reject);
      });
    } finally {
      await informer.stop();
    }
  }

  /** Resolves once no object at `path` matches the selector any more (followed with a watch). */
  async watchUntilNone<T extends KubernetesObject>(
    path: string,
    list: () => Promise<{ items: T[]; metadata?: { resourceVersion?: string } }>,
    labelSelector: string,
    signal: AbortSignal,
  ): Promise<void> {
    const informer = makeInformer<T>(this.kc, path, list, labelSelector);
    try {
      await new Promise<void>((resolve, reject) => {
        const check = () => {
          if (informer.list().length === 0) resolve();
        };
        informer.on('delete', check);
        informer.on('error', (err: unknown) => reject(err instanceof Error ? err : new Error(`watch of ${path} failed: ${String(err)}`)));
        signal.addEventListener('abort', () => reject(signal.reason instanceof Error ? signal.reason : new Error('aborted')), { once: true });
        informer.start().then(check, reject);
      });
    } finally {
      await informer.stop();
    }
  }

  /**
   * Calls `onChange` with every change of the matching Deployments in any namespace, until the
   * returned stop is called; a broken watch is started again after `retryMs` (the informer
   * relists, so nothing is missed).
   */
  followDeployments(labelSelector: string, onChange: (d: V1Deployment) => void, onError: (err: unknown) => void, retryMs = 5_000): () => Promise<void> {
    return this.followAll(
      '/apis/apps/v1/deployments',
      () => this.apps.listDeploymentForAllNamespaces({ labelSelector }),
      labelSelector,
      onChange,
      onError,
      retryMs,
    );
  }

  /** As followDeployments, for pods (their containers' states: starts, crashes, OOM kills). */
  followPods(labelSelector: string, onChange: (p: V1Pod) => void, onError: (err: unknown) => void, retryMs = 5_000): () => Promise<void> {
    return this.followAll('/api/v1/pods', () => this.core.listPodForAllNamespaces({ labelSelector }), labelSelector, onChange, onError, retryMs);
  }

  /** As followDeployments, for autoscalers (their status says when they last scaled, and to what). */
  followAutoscalers(
    labelSelector: string,
    onChange: (h: V2HorizontalPodAutoscaler) => void,
    onError: (err: unknown) => void,
    retryMs = 5_000,
  ): () => Promise<void> {
    return this.followAll(
      '/apis/autoscaling/v2/horizontalpodautoscalers',
      () => this.autoscaling.listHorizontalPodAutoscalerForAllNamespaces({ labelSelector }),
      labelSelector,
      onChange,
      onError,
      retryMs,
    );
  }

  private followAll<T extends KubernetesObject>(
    path: string,
    list: () => Promise<{ items: T[]; metadata?: { resourceVersion?: string } }>,
    labelSelector: string,
    onChange: (obj: T) => void,
    onError: (err: unknown) => void,
    retryMs: number,
  ): () => Promise<void> {
    const informer = makeInformer<T>(this.kc, path, list, labelSelector);
    let stopped = false;
    informer.on('add', onChange);
    informer.on('update', onChange);
    informer.on('error', (err: unknown) => {
      onError(err);
      if (!stopped) setTimeout(() => void informer.start().catch(onError), retryMs).unref();
    });
    void informer.start().catch(onError);
    return async () => {
      stopped = true;
      await informer.stop();
    };
  }

  deploymentsPath = (namespace: string) => `/apis/apps/v1/namespaces/${namespace}/deployments`;
  podsPath = (namespace: string) => `/api/v1/namespaces/${namespace}/pods`;
  listDeployments = (namespace: string, labelSelector: string) => () => this.apps.listNamespacedDeployment({ namespace, labelSelector });
  listPods = (namespace: string, labelSelector: string) => () => this.core.listNamespacedPod({ namespace, labelSelector });
}

async function ignoreNotFound<T>(p: Promise<T>): Promise<T | null> {
  try {
    return await p;
  } catch (err) {
    if (err instanceof ApiException && err.code === 404) return null;
    throw err;
  }
}
