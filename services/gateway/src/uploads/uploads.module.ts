import { Module } from '@nestjs/common';
import { DeploymentsModule } from '../deployments/deployments.module.js';
import { UploadResolver } from './upload.resolver.js';
import { UploadService } from './upload.service.js';

@Module({ imports: [DeploymentsModule], providers: [UploadService, UploadResolver] })
export class UploadsModule {}
