// Deleting an app: its route, containers, network, images, Kubernetes objects and site files (in
// object storage and on the site server's disk) go; nothing else is touched.
import { appNetworkName, imageRepository } from '@paas/contracts';
import type { DockerAdapter } from './docker/docker.adapter.js';
import type { EdgeRouter } from './edge/edge.adapter.js';
import type { ObjectStore } from '@paas/storage';
import type { SitePublisher } from './static/site-publisher.js';
import type { ActivitySettings } from './settings.js';
import { withHeartbeat } from './shared/heartbeat.js';
import type { KubernetesAdapter } from './kubernetes/kubernetes.adapter.js';
import { appSelector } from './kubernetes/names.js';

export function createTeardownActivities(
  docker: DockerAdapter,
  edge: EdgeRouter,
  store: ObjectStore,
  publisher: SitePublisher,
  settings: ActivitySettings,
  kube: KubernetesAdapter | null = null,
) {
  async function teardownApp(appId: string, appName: string): Promise<void> {
    await withHeartbeat(async () => {
      const host = `${appName}.${settings.baseDomain}`;
      await edge.removeRoute(host);
      // an app that ran on Kubernetes once may have objects left there whatever its runtime now
      await kube?.removeApp(appSelector(appId));
      await publisher.removeApp(appId, [host]);
      await store.removePrefix(`sites/${appId}/`);
      await store.removePrefix(`uploads/${appId}/`);
      for (const c of await docker.listManagedContainers(appId)) await docker.removeContainer(c.Id, 5);
      await docker.removeNetwork(appNetworkName(appName));
      const repo = imageRepository(settings.registry, appName);
      for (const img of await docker.appImages(appId)) {
        for (const tag of img.tags) if (tag.startsWith(`${repo}:`)) await docker.removeImage(tag);
        await docker.removeImage(img.id);
      }
    });
  }
  return { teardownApp };
}
