// Runs the deployment-history retention (packages/db/src/retention.ts) soon after the worker
// starts and then every PAAS_RETENTION_INTERVAL_MS. Outside Temporal on purpose: it only
// deletes projection rows that no workflow will touch again, and a missed pass is harmless
// (the next one catches up), so it needs no history of its own.
import { applyRetention, applyRuntimeRetention, retentionFromEnv, runtimeRetentionFromEnv } from '@paas/db';
import type { DataSource } from 'typeorm';

const FIRST_RUN_DELAY_MS = 30_000;

export function startRetention(db: DataSource, env: NodeJS.ProcessEnv, log: (line: string) => void): () => void {
  const policy = retentionFromEnv(env);
  const runtime = runtimeRetentionFromEnv(env);
  const raw = env.PAAS_RETENTION_INTERVAL_MS || '3600000';
  const intervalMs = Number(raw);
  if (!/^[0-9]+$/.test(raw) || intervalMs < 1000 || intervalMs > 2 ** 31 - 1)
    throw new Error(
      `PAAS_RETENTION_INTERVAL_MS must be a whole number of milliseconds, at least 1000 and at most 2147483647 (got "${env.PAAS_RETENTION_INTERVAL_MS}").`,
    );
  let running = false;
  const pass = async () => {
    if (running) return;
    running = true;
    try {
      const r = await applyRetention(db, policy);
      if (r.deploymentsDeleted || r.logsPruned || r.auditEventsDeleted) {
        log(
          `retention: deleted ${r.deploymentsDeleted} old deployments (keeping ${policy.keepDeployments} per app), pruned the logs of ${r.logsPruned} (older than ${policy.logRetentionDays} days), deleted ${r.auditEventsDeleted} audit events (older than ${policy.auditRetentionDays} days)`,
        );
      }
      const rr = await applyRuntimeRetention(db, runtime);
      if (rr.linesDeleted || rr.eventsDeleted) {
        log(
          `retention: deleted ${rr.linesDeleted} runtime log lines (older than ${runtime.logDays} days or beyond ${runtime.maxMbPerApp} MB per app) and ${rr.eventsDeleted} app events (older than ${runtime.eventDays} days)`,
        );
      }
    } catch (err) {
      // the next pass retries; a failure here must not take the worker down
      log(`retention: pass failed (${(err as Error).message}); retrying in ${Math.round(intervalMs / 1000)} s`);
    } finally {
      running = false;
    }
  };
  const first = setTimeout(() => void pass(), Math.min(FIRST_RUN_DELAY_MS, intervalMs));
  const every = setInterval(() => void pass(), intervalMs);
  first.unref();
  every.unref();
  return () => {
    clearTimeout(first);
    clearInterval(every);
  };
}
