// Prints the code-first schema to a file: `npm run schema:print` writes graphql/schema.graphql.
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { writeFileSync } from 'node:fs';
import { AppResolver } from './apps/app.resolver.js';
import './common/enums.js';
import { DeploymentResolver } from './deployments/deployment.resolver.js';
import { RedeployScheduleResolver } from './schedules/redeploy-schedule.resolver.js';
import { UploadResolver } from './uploads/upload.resolver.js';
import { SessionResolver } from './users/session.resolver.js';
import { TeamResolver } from './teams/team.resolver.js';
import { AppTeamResolver } from './teams/app-team.resolver.js';
import { ApiTokenResolver } from './tokens/api-token.resolver.js';
import { AuditResolver } from './audit/audit.resolver.js';
import { PlanResolver, TeamPlanResolver } from './plans/plan.resolver.js';
import { ForgeIdentityResolver } from './forge-sign-in/forge-identity.resolver.js';
import { ForgeConnectionResolver, TeamForgeConnectionsResolver } from './forges/forge-connection.resolver.js';
import { PlatformResolver } from './platform/platform.resolver.js';
import { TeamApiTokensResolver } from './tokens/team-api-tokens.resolver.js';
import { GitWebhookResolver } from './webhooks/git-webhook.resolver.js';
import { AppPreviewsResolver, DeploymentPreviewResolver, PreviewResolver } from './previews/preview.resolver.js';
import { NotificationChannelResolver } from './notifications/notification-channel.resolver.js';
import { RuntimeResolver, RuntimeSubscriptionResolver } from './runtime/runtime.resolver.js';
import { AppMetricsResolver } from './metrics/app-metrics.resolver.js';

const out = process.argv[2];
const app = await NestFactory.createApplicationContext(GraphQLSchemaBuilderModule, { logger: false });
await app.init();
const schema = await app
  .get(GraphQLSchemaFactory)
  .create([
    AppResolver,
    DeploymentResolver,
    RuntimeResolver,
    RuntimeSubscriptionResolver,
    RedeployScheduleResolver,
    UploadResolver,
    SessionResolver,
    TeamResolver,
    AppTeamResolver,
    ApiTokenResolver,
    AuditResolver,
    PlanResolver,
    TeamPlanResolver,
    ForgeIdentityResolver,
    ForgeConnectionResolver,
    TeamForgeConnectionsResolver,
    TeamApiTokensResolver,
    PlatformResolver,
    GitWebhookResolver,
    AppPreviewsResolver,
    DeploymentPreviewResolver,
    PreviewResolver,
    NotificationChannelResolver,
    AppMetricsResolver,
  ]);
const text = `# Generated from the gateway's code-first resolvers by \`npm run schema:print\`. Do not edit.\n\n${printSchema(lexicographicSortSchema(schema))}\n`;
if (out) writeFileSync(out, text);
else process.stdout.write(text);
await app.close();
