// The data layer's entry point for the gateway and the worker: one repository per table family,
// over the pool or, inside `transaction`, over one transaction. Nothing outside this package
// writes SQL or touches a TypeORM repository.
import type { DataSource, EntityManager } from 'typeorm';
import { AppRepository } from './repositories/app.repository.js';
import { DeploymentStepRepository } from './repositories/deployment-step.repository.js';
import { DeploymentRepository } from './repositories/deployment.repository.js';
import { LogLineRepository } from './repositories/log-line.repository.js';
import { RedeployScheduleRepository } from './repositories/redeploy-schedule.repository.js';
import { ApiTokenRepository } from './repositories/api-token.repository.js';
import { AuditEventRepository } from './repositories/audit-event.repository.js';
import { TeamRepository } from './repositories/team.repository.js';
import { PlanRepository } from './repositories/plan.repository.js';
import { UserRepository } from './repositories/user.repository.js';
import { ForgeIdentityRepository } from './repositories/forge-identity.repository.js';
import { GitWebhookRepository } from './repositories/git-webhook.repository.js';
import { ForgeConnectionRepository } from './repositories/forge-connection.repository.js';
import { PreviewRepository } from './repositories/preview.repository.js';
import { NotificationChannelRepository } from './repositories/notification-channel.repository.js';
import { RuntimeLogRepository } from './repositories/runtime-log.repository.js';
import { MetricsRepository } from './repositories/metrics.repository.js';
import { applyRetention, type RetentionPolicy, type RetentionResult } from './retention.js';

export class Repositories {
  readonly apps: AppRepository;
  readonly deployments: DeploymentRepository;
  readonly steps: DeploymentStepRepository;
  readonly logs: LogLineRepository;
  readonly schedules: RedeployScheduleRepository;
  readonly users: UserRepository;
  readonly teams: TeamRepository;
  readonly apiTokens: ApiTokenRepository;
  readonly auditEvents: AuditEventRepository;
  readonly plans: PlanRepository;
  readonly forgeIdentities: ForgeIdentityRepository;
  readonly gitWebhooks: GitWebhookRepository;
  readonly forgeConnections: ForgeConnectionRepository;
  readonly previews: PreviewRepository;
  readonly notificationChannels: NotificationChannelRepository;
  readonly runtime: RuntimeLogRepository;
  readonly metrics: MetricsRepository;

  constructor(manager: EntityManager) {
    this.apps = new AppRepository(manager);
    this.deployments = new DeploymentRepository(manager);
    this.steps = new DeploymentStepRepository(manager);
    this.logs = new LogLineRepository(manager);
    this.schedules = new RedeployScheduleRepository(manager);
    this.users = new UserRepository(manager);
    this.teams = new TeamRepository(manager);
    this.apiTokens = new ApiTokenRepository(manager);
    this.auditEvents = new AuditEventRepository(manager);
    this.plans = new PlanRepository(manager);
    this.forgeIdentities = new ForgeIdentityRepository(manager);
    this.gitWebhooks = new GitWebhookRepository(manager);
    this.forgeConnections = new ForgeConnectionRepository(manager);
    this.previews = new PreviewRepository(manager);
    this.notificationChannels = new NotificationChannelRepository(manager);
    this.runtime = new RuntimeLogRepository(manager);
    this.metrics = new MetricsRepository(manager);
  }
}

export class Database extends Repositories {
  constructor(private readonly source: DataSource) {
    super(source.manager);
  }

  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: Repositories) => Promise<T>): Promise<T> {
    return this.source.transaction((manager) => work(new Repositories(manager)));
  }

  /** Throws when PostgreSQL does not answer. */
  async ping(): Promise<void> {
    await this.source.query('SELECT 1');
  }

  applyRetention(policy: RetentionPolicy, now?: Date): Promise<RetentionResult> {
    return applyRetention(this.source, policy, now);
  }

  get isOpen(): boolean {
    return this.source.isInitialized;
  }

  async close(): Promise<void> {
    if (this.source.isInitialized) await this.source.destroy();
  }
}
