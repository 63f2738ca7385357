// The latest health report of each worker (services/worker/src/background/health-reporter.ts),
// for the dependencies the gateway takes from the workers (PAAS_HEALTH_FROM_WORKERS): a
// dependency is up when a worker reported it up recently. No recent report at all is down too:
// with no worker alive, nothing deploys.
import type { WorkerProbedDependency } from '@paas/contracts';
import type { WorkerHealthReport } from '@paas/db';

/** Three missed reports (every 5 s by default) and a worker's word no longer counts. */
export const REPORT_MAX_AGE_MS = 15_000;
/** Bounds the map against a flood of made-up worker names on the channel. */
const MAX_WORKERS = 256;

export class WorkerReports {
  private readonly latest = new Map<string, { states: WorkerHealthReport['states']; at: number }>();

  record(report: WorkerHealthReport, now = Date.now()): void {
    this.latest.delete(report.worker);
    this.latest.set(report.worker, { states: report.states, at: now });
    for (const [worker, r] of this.latest) if (now - r.at > REPORT_MAX_AGE_MS || this.latest.size > MAX_WORKERS) this.latest.delete(worker);
  }

  isUp(dependency: WorkerProbedDependency, now = Date.now()): boolean {
    for (const r of this.latest.values()) if (now - r.at <= REPORT_MAX_AGE_MS && r.states[dependency] === 'up') return true;
    return false;
  }
}
