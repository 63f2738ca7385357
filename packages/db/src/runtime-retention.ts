// Retention of what running releases print (runtime_log_lines) and their events (app_events):
// by age, and by size per app (the newest lines are kept). Run by the worker's retention job
// beside the deployment-history retention (retention.ts).
import type { DataSource } from 'typeorm';

export interface RuntimeRetentionPolicy {
  /** Lines older than this are deleted (PAAS_RUNTIME_LOG_DAYS). */
  logDays: number;
  /** Per app, the oldest lines beyond this many megabytes of line text are deleted (PAAS_RUNTIME_LOG_MAX_MB). */
  maxMbPerApp: number;
  /** Events older than this are deleted (PAAS_EVENT_RETENTION_DAYS). */
  eventDays: number;
}

export interface RuntimeRetentionResult {
  linesDeleted: number;
  eventsDeleted: number;
}

export const RUNTIME_RETENTION_DEFAULTS: RuntimeRetentionPolicy = { logDays: 7, maxMbPerApp: 50, eventDays: 90 };

export function runtimeRetentionFromEnv(env: NodeJS.ProcessEnv): RuntimeRetentionPolicy {
  return {
    logDays: positiveInt(env, 'PAAS_RUNTIME_LOG_DAYS', RUNTIME_RETENTION_DEFAULTS.logDays),
    maxMbPerApp: positiveInt(env, 'PAAS_RUNTIME_LOG_MAX_MB', RUNTIME_RETENTION_DEFAULTS.maxMbPerApp),
    eventDays: positiveInt(env, 'PAAS_EVENT_RETENTION_DAYS', RUNTIME_RETENTION_DEFAULTS.eventDays),
  };
}

const BATCH = 5000;
const LOCK_KEY = 'paas.runtime-retention';

export async function applyRuntimeRetention(db: DataSource, policy: RuntimeRetentionPolicy, now: Date = new Date()): Promise<RuntimeRetentionResult> {
  const result: RuntimeRetentionResult = { linesDeleted: 0, eventsDeleted: 0 };
  const cutoff = new Date(now.getTime() - policy.logDays * 86_400_000);
  const maxBytes = policy.maxMbPerApp * 1024 * 1024;
  const passes: [keyof RuntimeRetentionResult, string, unknown[]][] = [
    ['linesDeleted', `DELETE FROM runtime_log_lines WHERE id IN (SELECT id FROM runtime_log_lines WHERE timestamp < $1 LIMIT ${BATCH}) RETURNING id`, [cutoff]],
    [
      'linesDeleted',
      // per app over its cap: every line whose newer lines (itself included) already exceed the cap
      `DELETE FROM runtime_log_lines WHERE id IN (
         SELECT id FROM (
           SELECT id, sum(bytes) OVER (PARTITION BY app_id ORDER BY ts_ns DESC, ord DESC, id DESC) AS newer
             FROM runtime_log_lines WHERE app_id IN (SELECT app_id FROM runtime_log_lines GROUP BY app_id HAVING sum(bytes) > $1)
         ) t WHERE newer > $1 LIMIT ${BATCH}) RETURNING id`,
      [maxBytes],
    ],
    [
      'eventsDeleted',
      `DELETE FROM app_events WHERE id IN (SELECT id FROM app_events WHERE at < $1 LIMIT ${BATCH}) RETURNING id`,
      [new Date(now.getTime() - policy.eventDays * 86_400_000)],
    ],
  ];
  for (const [key, sql, params] of passes) {
    for (;;) {
      const n = await db.transaction(async (tx) => {
        const [{ ok }] = await tx.query<{ ok: boolean }[]>(`SELECT pg_try_advisory_xact_lock(hashtext($1)) AS ok`, [LOCK_KEY]);
        if (!ok) return null;
        const r: unknown[] = await tx.query(sql, params);
        return Array.isArray(r[0]) ? (r[0] as unknown[]).length : r.length;
      });
      if (n === null) return result; // another process runs this pass
      result[key] += n;
      if (n < BATCH) break;
    }
  }
  return result;
}

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!/^[0-9]+$/.test(raw) || !Number.isSafeInteger(n) || n < 1) throw new Error(`${name} must be a whole number of at least 1 (got "${raw}").`);
  return n;
}
