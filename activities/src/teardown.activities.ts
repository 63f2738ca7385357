// Deleting an app: its route, containers, network, images and site files (in object storage and
// on the site server's disk) go; nothing else is touched.
import { LABELS, appNetworkName, imageRepository } from '@paas/contracts';
import type { DockerAdapter } from './docker/docker.adapter.js';
import type { EdgeRouter } from './edge/edge.adapter.js';
import type { ObjectStore } from '@paas/storage';
import type { SitePublisher } from './static/site-publisher.js';
import type { ActivitySettings } from './settings.js';
import { withHeartbeat } from './shared/heartbeat.js';

export function createTeardownActivities(docker: DockerAdapter, edge: EdgeRouter, store: ObjectStore, publisher: SitePublisher, settings: ActivitySettings) {
  async function teardownApp(appId: string, appName: string): Promise<void> {
    await withHeartbeat(async () => {
      const host = `${appName}.${settings.baseDomain}`;
      await edge.removeRoute(host);
      await publisher.removeApp(appId, [host]);
      await store.removePrefix(`sites/${appId}/`);
      await store.removePrefix(`uploads/${appId}/`);
      for (const c of await docker.listManagedContainers(appId)) await docker.removeContainer(c.Id, 5);
      await docker.removeNetwork(appNetworkName(appName));
      const repo = imageRepository(settings.registry, appName);
      const images = await docker.docker.listImages({ filters: { label: [`${LABELS.app}=${appId}`] } });
      for (const img of images) {
        for (const tag of img.RepoTags ?? []) if (tag.startsWith(`${repo}:`)) await docker.removeImage(tag);
        await docker.removeImage(img.Id);
      }
    });
  }
  return { teardownApp };
}
