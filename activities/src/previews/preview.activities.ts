// A closed (or merged) pull request's preview goes: its route, its site link and files, its
// containers, network and images (locally and in the registry). The app's own release and every
// other preview are left alone. Idempotent: each removal tolerates what is already gone.
import { appNetworkName, imageRepository, previewAppName, type PreviewTeardownInput } from '@paas/contracts';
import type { ObjectStore } from '@paas/storage';
import type { DockerAdapter } from '../docker/docker.adapter.js';
import type { EdgeRouter } from '../edge/edge.adapter.js';
import { releaseIdOf } from '../projection/projection.activities.js';
import type { RegistryAdapter } from '../registry/registry.adapter.js';
import type { ActivitySettings } from '../settings.js';
import { withHeartbeat } from '../shared/heartbeat.js';
import type { SitePublisher } from '../static/site-publisher.js';
import type { PreviewStore } from './preview-store.js';
import { ownRelease } from './release-names.js';

export interface PreviewTeardownAdapters {
  docker: DockerAdapter;
  edge: EdgeRouter;
  store: ObjectStore;
  publisher: SitePublisher;
  registry: RegistryAdapter;
  previews: PreviewStore;
}

export function createPreviewActivities({ docker, edge, store, publisher, registry, previews }: PreviewTeardownAdapters, settings: ActivitySettings) {
  /** Deployments of the preview that have not ended yet (its teardown waits for them to stop). */
  async function previewInFlight(previewId: string): Promise<number> {
    return previews.inFlight(previewId);
  }

  /** 'reopened' when the pull request was reopened meanwhile: its new preview must stay. */
  async function teardownPreview({ appId, previewId, pullRequest }: PreviewTeardownInput): Promise<'removed' | 'gone' | 'reopened'> {
    return withHeartbeat(async () => {
      const found = await previews.find(previewId);
      if (!found) return 'gone'; // the app was deleted, and everything of it with it
      if (!found.preview.closedAt) return 'reopened';
      const name = previewAppName(found.appName, pullRequest);
      const host = `${name}.${settings.baseDomain}`;
      await edge.removeRoute(host);
      await publisher.unpoint(host);
      for (const c of await docker.listManagedContainers(appId)) {
        if (ownRelease(name, c.Names[0]?.replace(/^\//, ''), true)) await docker.removeContainer(c.Id, settings.timing.stopTimeoutSec);
      }
      await docker.removeNetwork(appNetworkName(name));
      const repo = imageRepository(settings.registry, name);
      for (const d of await previews.deployments(previewId)) {
        if (d.imageRef?.startsWith(`${repo}@`)) {
          await docker.removeImage(`${repo}:${d.id}`);
          await docker.removeImage(d.imageRef);
          await registry.deleteManifest(d.imageRef);
        }
        if (d.sitePrefix?.startsWith(`sites/${appId}/`)) {
          await publisher.removeRelease(appId, releaseIdOf(d.sitePrefix), []);
          await store.removePrefix(d.sitePrefix);
        }
      }
      // builds that never went live leave tagged images too
      for (const img of await docker.appImages(appId)) for (const tag of img.tags) if (tag.startsWith(`${repo}:`)) await docker.removeImage(tag);
      await previews.retire(previewId);
      return 'removed';
    });
  }

  return { previewInFlight, teardownPreview };
}
