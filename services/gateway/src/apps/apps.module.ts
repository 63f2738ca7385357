import { Module } from '@nestjs/common';
import { DeploymentsModule } from '../deployments/deployments.module.js';
import { SchedulesModule } from '../schedules/schedules.module.js';
import { AppDeletionService } from './app-deletion.service.js';
import { AppResolver } from './app.resolver.js';
import { AppService } from './app.service.js';

@Module({ imports: [DeploymentsModule, SchedulesModule], providers: [AppService, AppDeletionService, AppResolver], exports: [AppService] })
export class AppsModule {}
