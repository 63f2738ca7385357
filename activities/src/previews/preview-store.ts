// The worker's view of pull-request previews, for their teardown: a facade over the shared data layer.
import { isFinal } from '@paas/contracts';
import { Database, type DeploymentEntity, type PreviewEntity } from '@paas/db';
import type { DataSource } from 'typeorm';

export class PreviewStore {
  private readonly db: Database;

  constructor(source: DataSource | Database) {
    this.db = source instanceof Database ? source : new Database(source);
  }

  /** The preview and its app's name; null when either is gone (the app was deleted). */
  async find(previewId: string): Promise<{ preview: PreviewEntity; appName: string } | null> {
    const preview = await this.db.previews.findById(previewId);
    const app = preview ? await this.db.apps.findById(preview.appId) : null;
    return preview && app ? { preview, appName: app.name } : null;
  }

  deployments(previewId: string): Promise<DeploymentEntity[]> {
    return this.db.deployments.ofPreview(previewId);
  }

  async inFlight(previewId: string): Promise<number> {
    return (await this.db.deployments.ofPreview(previewId)).filter((d) => !isFinal(d.status)).length;
  }

  retire(previewId: string): Promise<void> {
    return this.db.deployments.retirePreview(previewId);
  }
}
