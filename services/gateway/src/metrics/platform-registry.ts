// The platform's own Prometheus metrics, built fresh for every scrape from PostgreSQL (the
// projection): every gateway replica answers the same, and nothing is lost when one restarts.
// prom-client formats them; gauges are set from counts, the step-duration histogram is a collector
// whose buckets PostgreSQL counted.
import type { PlatformMetricsSnapshot } from '@paas/db';
import { Gauge, Registry, type Metric } from 'prom-client';

/** Upper bounds (seconds) of the step-duration histogram. */
export const STEP_BUCKETS = [1, 2, 5, 10, 30, 60, 120, 300, 600, 1800] as const;

export function platformRegistry(s: PlatformMetricsSnapshot): Registry {
  const registry = new Registry();
  const deployments = new Gauge({
    name: 'paas_deployments',
    help: 'Deployments in the platform database by status (outcome for LIVE, SUPERSEDED, FAILED, CANCELLED); old ones leave with retention.',
    labelNames: ['status'],
    registers: [registry],
  });
  for (const r of s.deploymentsByStatus) deployments.set({ status: r.status }, r.count);
  new Gauge({ name: 'paas_deployments_queued', help: 'Deployments waiting (QUEUED) for a build slot or a worker.', registers: [registry] }).set(
    s.queuedDeployments,
  );
  new Gauge({ name: 'paas_build_slots_in_use', help: 'Build slots held by deployments that are building now.', registers: [registry] }).set(s.buildSlotsInUse);
  new Gauge({
    name: 'paas_build_minutes',
    help: 'Minutes spent in the BUILD step by the deployments in the database.',
    registers: [registry],
  }).set(s.buildSeconds / 60);
  registry.registerMetric(stepDurationHistogram(s) as unknown as Metric);
  return registry;
}

function stepDurationHistogram(s: PlatformMetricsSnapshot) {
  const name = 'paas_deployment_step_duration_seconds';
  return {
    name,
    help: 'Duration of finished deployment steps (SUCCEEDED or FAILED) by step.',
    type: 'histogram',
    aggregator: 'sum',
    get: async () => ({
      name,
      help: 'Duration of finished deployment steps (SUCCEEDED or FAILED) by step.',
      type: 'histogram',
      aggregator: 'sum',
      values: s.stepDurations.flatMap((d) => [
        ...STEP_BUCKETS.map((le, i) => ({ metricName: `${name}_bucket`, labels: { step: d.step, le }, value: d.buckets[i] })),
        { metricName: `${name}_bucket`, labels: { step: d.step, le: '+Inf' }, value: d.count },
        { metricName: `${name}_sum`, labels: { step: d.step }, value: d.sum },
        { metricName: `${name}_count`, labels: { step: d.step }, value: d.count },
      ]),
    }),
    reset: () => undefined,
  };
}
