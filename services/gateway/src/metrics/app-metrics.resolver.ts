import { Inject } from '@nestjs/common';
import { Args, Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Database, metricsRetentionFromEnv } from '@paas/db';
import { AppModel } from '../apps/app.model.js';
import { MetricPointModel } from './metric-point.model.js';
import { metricsRange } from './metrics-range.js';

// App fields are reached only through an app the policy let the caller see (read: VIEWER and up).
@Resolver(() => AppModel)
export class AppMetricsResolver {
  private readonly retention = metricsRetentionFromEnv(process.env);

  constructor(@Inject(Database) private readonly db: Database) {}

  @ResolveField(() => [MetricPointModel], { description: "Resource use of the app's instances, one point per step, oldest first." })
  async metrics(
    @Parent() app: AppModel,
    @Args('since', { type: () => Date, nullable: true }) since: Date | null,
    @Args('stepSeconds', { type: () => Int, nullable: true, defaultValue: 60 }) stepSeconds: number | null,
  ): Promise<MetricPointModel[]> {
    const now = new Date();
    const range = metricsRange(since, stepSeconds, this.retention, now);
    return this.db.metrics.points(app.id, range.since, range.stepSeconds, this.retention, now);
  }
}
