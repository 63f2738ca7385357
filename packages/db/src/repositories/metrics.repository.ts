// Reads of the metrics tables for the gateway (App.metrics, GET /metrics); the SQL is in ../metrics.ts.
import type { EntityManager } from 'typeorm';
import { platformMetricsSnapshot, queryMetrics, type MetricPointRow, type MetricsRetention, type PlatformMetricsSnapshot } from '../metrics.js';

export class MetricsRepository {
  constructor(private readonly manager: EntityManager) {}

  points(appId: string, since: Date, stepSeconds: number, retention: MetricsRetention, now?: Date): Promise<MetricPointRow[]> {
    return queryMetrics(this.manager, appId, since, stepSeconds, retention, now);
  }

  platform(bounds: readonly number[]): Promise<PlatformMetricsSnapshot> {
    return platformMetricsSnapshot(this.manager, bounds);
  }
}
