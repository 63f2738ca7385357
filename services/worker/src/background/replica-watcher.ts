// App.replicas for Kubernetes apps: the worker follows the platform's Deployments (a watch, in
// every namespace) and writes each one's ready count to its app, so an autoscaler's changes show
// without the gateway ever talking to Kubernetes.
import { LABELS } from '@paas/contracts';
import type { KubernetesAdapter, ProjectionAdapter } from '@paas/activities';

export function startReplicaWatcher(kube: KubernetesAdapter, projection: ProjectionAdapter, log: (line: string) => void): () => Promise<void> {
  const last = new Map<string, number>();
  return kube.followDeployments(
    `${LABELS.managed}=true`,
    (d) => {
      const appId = d.metadata?.labels?.[LABELS.app];
      if (!appId) return;
      const ready = d.status?.readyReplicas ?? 0;
      if (last.get(appId) === ready) return;
      last.set(appId, ready);
      // an app deleted meanwhile has no row to update: nothing to do
      projection.setServingReplicas(appId, ready).catch((err: Error) => log(`replica watcher: ${err.message}`));
    },
    (err) => log(`replica watcher: the watch of Deployments failed (${err instanceof Error ? err.message : String(err)}); watching again`),
  );
}
