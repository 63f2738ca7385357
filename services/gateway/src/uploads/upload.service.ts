// ZIP uploads of static sites: a pre-signed POST form straight to object storage (the archive
// never passes through the gateway; the form's signed policy makes the storage refuse a body
// over the size limit while it streams in), then a deployment that unpacks and checks it.
import { Inject, Injectable, Logger } from '@nestjs/common';
import { siteUploadKey } from '@paas/contracts';
import { Database, type AppEntity } from '@paas/db';
import type { ObjectStore } from '@paas/storage';
import { randomUUID } from 'node:crypto';
import { isUuid } from '../common/ids.js';
import { DomainError, notFound } from '../common/domain-error.js';
import { PlatformConfig } from '../config/platform-config.js';
import type { DeploymentModel } from '../deployments/deployment.model.js';
import { DeploymentService } from '../deployments/deployment.service.js';
import { SITE_STORE, UPLOAD_FORM_SIGNER } from '../storage/storage.module.js';
import type { SiteUploadModel } from './upload.model.js';

@Injectable()
export class UploadService {
  private readonly logger = new Logger(UploadService.name);

  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(PlatformConfig) private readonly config: PlatformConfig,
    @Inject(DeploymentService) private readonly deployments: DeploymentService,
    @Inject(SITE_STORE) private readonly store: ObjectStore,
    /** The same store, addressed as clients reach it: URLs are signed for that address. */
    @Inject(UPLOAD_FORM_SIGNER) private readonly signer: ObjectStore,
  ) {}

  async create(appId: string): Promise<SiteUploadModel> {
    await this.staticApp(appId);
    await this.store
      .ensureBucket((m) => this.logger.warn(m))
      .catch((err) => {
        throw new DomainError('UNAVAILABLE', `Object storage is unavailable (${(err as Error).message}); try again.`);
      });
    const id = randomUUID();
    const ttl = this.config.uploadUrlTtlSeconds;
    const maxBytes = this.config.siteMaxUploadBytes;
    const form = await this.signer.presignedPost(siteUploadKey(appId, id), ttl, maxBytes);
    return { id, url: form.url, method: 'POST', fields: form.fields, expiresAt: new Date(Date.now() + ttl * 1000), maxBytes };
  }

  /** Deploys an uploaded archive once it is known to have arrived within the limits; a refused one starts nothing. */
  async deploy(appId: string, uploadId: string): Promise<DeploymentModel> {
    await this.checkUploaded(appId, uploadId);
    return this.deployments.deployUpload(appId, uploadId);
  }

  /**
   * Checks that the archive arrived. The storage already refused one outside the size range;
   * the size is checked again for a store that ignores POST policies (a refused one is deleted).
   */
  private async checkUploaded(appId: string, uploadId: string): Promise<void> {
    await this.staticApp(appId);
    if (!isUuid(uploadId)) throw notFound('Upload', uploadId);
    const key = siteUploadKey(appId, uploadId);
    const size = await this.store.size(key);
    if (size === null)
      throw new DomainError(
        'BAD_USER_INPUT',
        `Nothing was uploaded for upload ${uploadId}: POST the ZIP with its form first (the form expires after ${Math.round(this.config.uploadUrlTtlSeconds / 60)} minutes).`,
      );
    const max = this.config.siteMaxUploadBytes;
    if (size > max) {
      await this.store.remove(key);
      throw new DomainError(
        'BAD_USER_INPUT',
        `The archive is ${(size / 1048576).toFixed(1)} MB; the limit is ${Math.round(max / 1048576)} MB. It was deleted.`,
      );
    }
    if (size === 0) {
      await this.store.remove(key);
      throw new DomainError('BAD_USER_INPUT', 'The uploaded archive is empty (0 bytes). It was deleted.');
    }
  }

  private async staticApp(appId: string): Promise<AppEntity> {
    const app = isUuid(appId) ? await this.db.apps.findById(appId) : null;
    if (!app) throw notFound('App', appId);
    if (app.kind !== 'STATIC')
      throw new DomainError('BAD_USER_INPUT', `App ${app.name} is a ${app.kind} app; only STATIC apps are deployed from an uploaded ZIP.`);
    return app;
  }
}
