import { Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import type { MercuriusDriverConfig } from '@nestjs/mercurius';
import { AppsModule } from './apps/apps.module.js';
import './common/enums.js';
import { ConfigModule } from './config/config.module.js';
import { PlatformConfig } from './config/platform-config.js';
import { DatabaseModule } from './database/database.module.js';
import { DeploymentsModule } from './deployments/deployments.module.js';
import { graphqlOptions } from './graphql.options.js';
import { HealthModule } from './health/health.module.js';
import { SchedulesModule } from './schedules/schedules.module.js';
import { TemporalModule } from './temporal/temporal.module.js';
import { UploadsModule } from './uploads/uploads.module.js';
import { MercuriusDriver } from '@nestjs/mercurius';

@Module({
  imports: [
    ConfigModule,
    DatabaseModule,
    TemporalModule,
    GraphQLModule.forRootAsync<MercuriusDriverConfig>({
      driver: MercuriusDriver,
      inject: [PlatformConfig],
      useFactory: (config: PlatformConfig) => graphqlOptions(config.adminToken),
    }),
    HealthModule,
    AppsModule,
    DeploymentsModule,
    SchedulesModule,
    UploadsModule,
  ],
})
export class AppModule {}
