// The one TypeORM data source definition, used by the gateway, the worker and the migration CLI.
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { AppEntity } from './entities/app.entity.js';
import { DeploymentStepEntity } from './entities/deployment-step.entity.js';
import { DeploymentEntity } from './entities/deployment.entity.js';
import { EnvVarEntity } from './entities/env-var.entity.js';
import { LogLineEntity } from './entities/log-line.entity.js';
import { InitialSchema1763800000000 } from './migrations/1763800000000-initial-schema.js';
import { RedeploySchedules1763900000000 } from './migrations/1763900000000-redeploy-schedules.js';
import { ReleaseRuntimeState1764000000000 } from './migrations/1764000000000-release-runtime-state.js';
import { ImagePruning1764100000000 } from './migrations/1764100000000-image-pruning.js';
import { StaticSites1764200000000 } from './migrations/1764200000000-static-sites.js';
import { LogCaps1764300000000 } from './migrations/1764300000000-log-caps.js';
import { GitUrlCredentials1764410000000 } from './migrations/1764410000000-git-url-credentials.js';
import { RedeployScheduleEntity } from './entities/redeploy-schedule.entity.js';
import { EncryptSecrets1764600000000 } from './migrations/1764600000000-encrypt-secrets.js';
import { UserEntity } from './entities/user.entity.js';
import { TeamEntity, TeamInvitationEntity, TeamMemberEntity } from './entities/team.entity.js';
import { ApiTokenEntity, RefreshTokenEntity } from './entities/credential.entity.js';
import { Accounts1764500000000 } from './migrations/1764500000000-accounts.js';
import { AuditEvents1764700000000 } from './migrations/1764700000000-audit-events.js';
import { AuditEventEntity } from './entities/audit-event.entity.js';
import { PlanEntity } from './entities/plan.entity.js';
import { Plans1764700000000 } from './migrations/1764700000000-plans.js';
import { AppInstanceSize1764710000000 } from './migrations/1764710000000-app-instance-size.js';
import { ForgeIdentities1764800000000 } from './migrations/1764800000000-forge-identities.js';
import { BuildSlots1764810000000 } from './migrations/1764810000000-build-slots.js';
import { KubernetesApps1764900000000 } from './migrations/1764900000000-kubernetes-apps.js';
import { ForgeIdentityEntity } from './entities/forge-identity.entity.js';
import { GitWebhookEntity, WebhookDeliveryEntity } from './entities/git-webhook.entity.js';
import { GitWebhooks1765000000000 } from './migrations/1765000000000-git-webhooks.js';
import { ForgeConnectionEntity } from './entities/forge-connection.entity.js';
import { ForgeConnections1765020000000 } from './migrations/1765020000000-forge-connections.js';
import { PreviewEntity } from './entities/preview.entity.js';
import { Previews1765300000000 } from './migrations/1765300000000-previews.js';
import { NotificationChannelEntity, NotificationDeliveryEntity } from './entities/notification-channel.entity.js';
import { NotificationChannels1766300000000 } from './migrations/1766300000000-notification-channels.js';
import { RuntimeLogs1766100000000 } from './migrations/1766100000000-runtime-logs.js';
import { Metrics1766200000000 } from './migrations/1766200000000-metrics.js';

export const ENTITIES = [
  AppEntity,
  EnvVarEntity,
  DeploymentEntity,
  DeploymentStepEntity,
  LogLineEntity,
  RedeployScheduleEntity,
  UserEntity,
  TeamEntity,
  TeamMemberEntity,
  TeamInvitationEntity,
  RefreshTokenEntity,
  ApiTokenEntity,
  AuditEventEntity,
  PlanEntity,
  ForgeIdentityEntity,
  GitWebhookEntity,
  WebhookDeliveryEntity,
  ForgeConnectionEntity,
  PreviewEntity,
  NotificationChannelEntity,
  NotificationDeliveryEntity,
];
export const MIGRATIONS = [
  InitialSchema1763800000000,
  RedeploySchedules1763900000000,
  ReleaseRuntimeState1764000000000,
  ImagePruning1764100000000,
  StaticSites1764200000000,
  LogCaps1764300000000,
  GitUrlCredentials1764410000000,
  Accounts1764500000000,
  EncryptSecrets1764600000000,
  AuditEvents1764700000000,
  Plans1764700000000,
  AppInstanceSize1764710000000,
  ForgeIdentities1764800000000,
  BuildSlots1764810000000,
  KubernetesApps1764900000000,
  GitWebhooks1765000000000,
  ForgeConnections1765020000000,
  Previews1765300000000,
  NotificationChannels1766300000000,
  RuntimeLogs1766100000000,
  Metrics1766200000000,
];

export function createDataSource(url: string, options: { poolSize?: number } = {}): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    // off: a failed query's log line would carry its parameters, secrets among them
    logging: false,
    extra: { max: options.poolSize ?? 10 },
  });
}
