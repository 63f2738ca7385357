import { Module } from '@nestjs/common';
import { ObjectStore } from '@paas/storage';
import { PlatformConfig } from '../config/platform-config.js';

/** The bucket of static releases and uploads, at the address the gateway reaches it. */
export const SITE_STORE = Symbol('SITE_STORE');
/** The same bucket, addressed as clients reach it (S3_PUBLIC_ENDPOINT): upload forms are signed for that address. */
export const UPLOAD_FORM_SIGNER = Symbol('UPLOAD_FORM_SIGNER');

// Services get their object-store clients injected, built once from the platform's settings.
@Module({
  providers: [
    {
      provide: SITE_STORE,
      inject: [PlatformConfig],
      useFactory: ({ s3 }: PlatformConfig) => new ObjectStore(s3.endpoint, s3.accessKey, s3.secretKey, s3.bucket),
    },
    {
      provide: UPLOAD_FORM_SIGNER,
      inject: [PlatformConfig],
      useFactory: ({ s3 }: PlatformConfig) => new ObjectStore(s3.publicEndpoint, s3.accessKey, s3.secretKey, s3.bucket),
    },
  ],
  exports: [SITE_STORE, UPLOAD_FORM_SIGNER],
})
export class StorageModule {}
