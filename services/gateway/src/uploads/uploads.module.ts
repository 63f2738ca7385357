import { Module } from '@nestjs/common';
import { DeploymentsModule } from '../deployments/deployments.module.js';
import { StorageModule } from '../storage/storage.module.js';
import { UploadResolver } from './upload.resolver.js';
import { UploadService } from './upload.service.js';

@Module({ imports: [DeploymentsModule, StorageModule], providers: [UploadService, UploadResolver] })
export class UploadsModule {}
