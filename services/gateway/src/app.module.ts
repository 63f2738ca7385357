import { Module } from '@nestjs/common';
import { NotificationsModule } from './notifications/notifications.module.js';
import { GraphQLModule } from '@nestjs/graphql';
import type { MercuriusDriverConfig } from '@nestjs/mercurius';
import { AppsModule } from './apps/apps.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { credentialLookup } from './auth/credential-lookup.js';
import { SessionTokens } from './auth/session-tokens.js';
import { Database } from '@paas/db';
import { PlansModule } from './plans/plans.module.js';
import { PlatformModule } from './platform/platform.module.js';
import { PolicyModule } from './policy/policy.module.js';
import { TeamsModule } from './teams/teams.module.js';
import { TokensModule } from './tokens/tokens.module.js';
import { UsersModule } from './users/users.module.js';
import './common/enums.js';
import { ConfigModule } from './config/config.module.js';
import { PlatformConfig } from './config/platform-config.js';
import { DatabaseModule } from './database/database.module.js';
import { DeploymentsModule } from './deployments/deployments.module.js';
import { graphqlOptions } from './graphql.options.js';
import { HealthModule } from './health/health.module.js';
import { CodecModule } from './codec/codec.module.js';
import { ForgeSignInModule } from './forge-sign-in/forge-sign-in.module.js';
import { SchedulesModule } from './schedules/schedules.module.js';
import { TemporalModule } from './temporal/temporal.module.js';
import { UploadsModule } from './uploads/uploads.module.js';
import { MercuriusDriver } from '@nestjs/mercurius';
import { ForgesModule } from './forges/forges.module.js';
import { WebhooksModule } from './webhooks/webhooks.module.js';
import { PreviewsModule } from './previews/previews.module.js';
import { RuntimeModule } from './runtime/runtime.module.js';
import { MetricsModule } from './metrics/metrics.module.js';

@Module({
  imports: [
    ConfigModule,
    DatabaseModule,
    TemporalModule,
    AuthModule,
    PolicyModule,
    GraphQLModule.forRootAsync<MercuriusDriverConfig>({
      driver: MercuriusDriver,
      inject: [PlatformConfig, Database, SessionTokens],
      useFactory: (config: PlatformConfig, db: Database, sessions: SessionTokens) =>
        graphqlOptions(config.adminToken, process.env, credentialLookup(db, sessions)),
    }),
    HealthModule,
    CodecModule,
    AppsModule,
    DeploymentsModule,
    SchedulesModule,
    UploadsModule,
    UsersModule,
    TeamsModule,
    TokensModule,
    AuditModule,
    PlansModule,
    ForgeSignInModule,
    ForgesModule,
    PlatformModule,
    WebhooksModule,
    RuntimeModule,
    PreviewsModule,
    NotificationsModule,
    MetricsModule,
  ],
})
export class AppModule {}
