// ZIP uploads of static sites: a pre-signed PUT URL straight to object storage (the archive
// never passes through the gateway), then a deployment that unpacks and checks it.
import { Inject, Injectable, Logger } from '@nestjs/common';
import { siteUploadKey } from '@paas/contracts';
import { AppEntity } from '@paas/db';
import { Client } from 'minio';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { isUuid } from '../apps/app.service.js';
import { DomainError, notFound } from '../common/domain-error.js';
import { PlatformConfig } from '../config/platform-config.js';
import type { SiteUploadModel } from './upload.model.js';

@Injectable()
export class UploadService {
  private readonly logger = new Logger(UploadService.name);
  private readonly signer: Client;
  private readonly store: Client;
  private bucketReady?: Promise<void>;

  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(PlatformConfig) private readonly config: PlatformConfig,
  ) {
    const { s3 } = config;
    this.store = client(s3.endpoint, s3.accessKey, s3.secretKey);
    // URLs are signed for the address the client will use
    this.signer = client(s3.publicEndpoint, s3.accessKey, s3.secretKey);
  }

  async create(appId: string): Promise<SiteUploadModel> {
    await this.staticApp(appId);
    await this.ensureBucket();
    const id = randomUUID();
    const ttl = this.config.uploadUrlTtlSeconds;
    const url = await this.signer.presignedPutObject(this.config.s3.bucket, siteUploadKey(appId, id), ttl);
    return { id, url, method: 'PUT', expiresAt: new Date(Date.now() + ttl * 1000), maxBytes: this.config.siteMaxUploadBytes };
  }

  /** Checks that the archive arrived and is within the size limit; a refused one is deleted. */
  async checkUploaded(appId: string, uploadId: string): Promise<void> {
    await this.staticApp(appId);
    if (!isUuid(uploadId)) throw notFound('Upload', uploadId);
    const key = siteUploadKey(appId, uploadId);
    const size = await this.store.statObject(this.config.s3.bucket, key).then(
      (s) => s.size,
      (err: { code?: string }) => {
        if (err.code === 'NotFound' || err.code === 'NoSuchKey' || err.code === 'NoSuchBucket') return null;
        throw err;
      },
    );
    if (size === null) throw new DomainError('BAD_USER_INPUT', `Nothing was uploaded for upload ${uploadId}: PUT the ZIP to its URL first (the URL expires after ${Math.round(this.config.uploadUrlTtlSeconds / 60)} minutes).`);
    const max = this.config.siteMaxUploadBytes;
    if (size > max) {
      await this.store.removeObject(this.config.s3.bucket, key);
      throw new DomainError('BAD_USER_INPUT', `The archive is ${(size / 1048576).toFixed(1)} MB; the limit is ${Math.round(max / 1048576)} MB. It was deleted.`);
    }
    if (size === 0) {
      await this.store.removeObject(this.config.s3.bucket, key);
      throw new DomainError('BAD_USER_INPUT', 'The uploaded archive is empty (0 bytes). It was deleted.');
    }
  }

  private async staticApp(appId: string): Promise<AppEntity> {
    const app = isUuid(appId) ? await this.db.getRepository(AppEntity).findOne({ where: { id: appId } }) : null;
    if (!app) throw notFound('App', appId);
    if (app.kind !== 'STATIC') throw new DomainError('BAD_USER_INPUT', `App ${app.name} is a ${app.kind} app; only STATIC apps are deployed from an uploaded ZIP.`);
    return app;
  }

  private ensureBucket(): Promise<void> {
    this.bucketReady ??= (async () => {
      const bucket = this.config.s3.bucket;
      if (!(await this.store.bucketExists(bucket))) {
        await this.store.makeBucket(bucket).catch(async (err) => {
          if (!(await this.store.bucketExists(bucket))) throw err;
        });
      }
      // an archive that was uploaded but never deployed expires after a day
      await this.store
        .setBucketLifecycle(bucket, { Rule: [{ ID: 'paas-expire-uploads', Status: 'Enabled', Filter: { Prefix: 'uploads/' }, Expiration: { Days: 1 } }] })
        .catch((err) => this.logger.warn(`could not set the expiry of stale uploads on bucket ${bucket}: ${(err as Error).message}`));
    })().catch((err) => {
      this.bucketReady = undefined;
      throw new DomainError('UNAVAILABLE', `Object storage is unavailable (${(err as Error).message}); try again.`);
    });
    return this.bucketReady;
  }
}

function client(endpoint: string, accessKey: string, secretKey: string): Client {
  const url = new URL(endpoint);
  const useSSL = url.protocol === 'https:';
  return new Client({ endPoint: url.hostname, port: url.port ? Number(url.port) : useSSL ? 443 : 80, useSSL, accessKey, secretKey, pathStyle: true, region: 'us-east-1' });
}
