// Retention of deployment history: the deployments table and their log lines would otherwise
// grow forever (a scheduled redeploy every minute is 500,000 rows a year). What goes, and what
// never goes, is decided here in SQL so that one statement sees one consistent state.
import { RETIRED_STATUSES } from '@paas/contracts';
import type { DataSource } from 'typeorm';
import { statusListSql } from './repositories/status-sql.js';

export interface RetentionPolicy {
  /** Newest deployments kept per app (PAAS_KEEP_DEPLOYMENTS). */
  keepDeployments: number;
  /** Log lines of deployments that finished longer ago than this are pruned (PAAS_LOG_RETENTION_DAYS). */
  logRetentionDays: number;
  /** Audit events older than this are deleted (PAAS_AUDIT_RETENTION_DAYS). */
  auditRetentionDays: number;
}

export interface RetentionResult {
  deploymentsDeleted: number;
  logsPruned: number;
  auditEventsDeleted: number;
}

export const RETENTION_DEFAULTS: RetentionPolicy = { keepDeployments: 100, logRetentionDays: 30, auditRetentionDays: 365 };

export function retentionFromEnv(env: NodeJS.ProcessEnv): RetentionPolicy {
  return {
    keepDeployments: positiveInt(env, 'PAAS_KEEP_DEPLOYMENTS', RETENTION_DEFAULTS.keepDeployments),
    logRetentionDays: positiveInt(env, 'PAAS_LOG_RETENTION_DAYS', RETENTION_DEFAULTS.logRetentionDays),
    auditRetentionDays: positiveInt(env, 'PAAS_AUDIT_RETENTION_DAYS', RETENTION_DEFAULTS.auditRetentionDays),
  };
}

/** The one line left in a pruned log, at its last seq, so a reader's afterSeq stays valid. */
export function prunedLogLine(days: number): string {
  return `This deployment's log was pruned: logs are kept ${days} days after a deployment ends (PAAS_LOG_RETENTION_DAYS).`;
}

// Never deleted: an app's live deployment, one still in flight, and a release that can still be
// restored (its image or files are kept for rollback until the release GC marks them pruned;
// deleting its row would also leave that image or prefix behind for good).
const RETIRED = statusListSql(RETIRED_STATUSES);
const DELETABLE = `
  d.status IN ${RETIRED}
  AND NOT (d.status = 'SUPERSEDED' AND (d.image_ref IS NOT NULL OR d.site_prefix IS NOT NULL) AND d.image_pruned_at IS NULL)`;

const BATCH = 500;
// one retention pass at a time, whichever process runs it
const LOCK_KEY = 'paas.retention';

export async function applyRetention(db: DataSource, policy: RetentionPolicy, now: Date = new Date()): Promise<RetentionResult> {
  const result: RetentionResult = { deploymentsDeleted: 0, logsPruned: 0, auditEventsDeleted: 0 };
  for (;;) {
    const n = await locked(db, (q) => deleteOldDeployments(q, policy.keepDeployments));
    if (n === null) return result;
    result.deploymentsDeleted += n;
    if (n < BATCH) break;
  }
  const cutoff = new Date(now.getTime() - policy.logRetentionDays * 86_400_000);
  for (;;) {
    const n = await locked(db, (q) => pruneOldLogs(q, cutoff, prunedLogLine(policy.logRetentionDays)));
    if (n === null) return result;
    result.logsPruned += n;
    if (n < BATCH) break;
  }
  const auditCutoff = new Date(now.getTime() - policy.auditRetentionDays * 86_400_000);
  for (;;) {
    const n = await locked(db, (q) => deleteOldAuditEvents(q, auditCutoff));
    if (n === null) return result;
    result.auditEventsDeleted += n;
    if (n < BATCH) break;
  }
  return result;
}

async function deleteOldAuditEvents(q: Query, cutoff: Date): Promise<number> {
  const rows = (await q(`DELETE FROM audit_events WHERE id IN (SELECT id FROM audit_events WHERE at < $1 LIMIT ${BATCH}) RETURNING id`, [cutoff])) as unknown[];
  return countOf(rows);
}

type Query = (sql: string, params: unknown[]) => Promise<unknown>;

/** Runs `work` in a transaction holding the retention lock; null when another pass holds it. */
async function locked(db: DataSource, work: (q: Query) => Promise<number>): Promise<number | null> {
  return db.transaction(async (tx) => {
    const [{ ok }] = await tx.query<{ ok: boolean }[]>(`SELECT pg_try_advisory_xact_lock(hashtext($1)) AS ok`, [LOCK_KEY]);
    return ok ? work((sql, params) => tx.query(sql, params)) : null;
  });
}

/** Deployments (with their steps and log lines, by cascade) beyond the newest `keep` of their app. */
async function deleteOldDeployments(q: Query, keep: number): Promise<number> {
  const rows = (await q(
    `DELETE FROM deployments WHERE id IN (
       SELECT d.id FROM (
         SELECT id, row_number() OVER (PARTITION BY app_id ORDER BY created_at DESC, id DESC) AS rank FROM deployments
       ) r JOIN deployments d ON d.id = r.id
        WHERE r.rank > $1 AND ${DELETABLE}
        LIMIT ${BATCH})
     RETURNING id`,
    [keep],
  )) as unknown[];
  return countOf(rows);
}

/** Logs of ended, non-live deployments that finished before `cutoff`: every line but the last goes, the last becomes `marker`. */
async function pruneOldLogs(q: Query, cutoff: Date, marker: string): Promise<number> {
  const ids = (
    (await q(
      `SELECT d.id FROM deployments d
      WHERE d.status IN ${RETIRED} AND d.finished_at < $1
        AND EXISTS (SELECT 1 FROM log_lines l WHERE l.deployment_id = d.id AND l.line <> $2)
      LIMIT ${BATCH}`,
      [cutoff, marker],
    )) as { id: string }[]
  ).map((r) => r.id);
  if (ids.length === 0) return 0;
  await q(
    `DELETE FROM log_lines l USING (SELECT deployment_id, max(seq) AS last FROM log_lines WHERE deployment_id = ANY($1::uuid[]) GROUP BY deployment_id) m
      WHERE l.deployment_id = m.deployment_id AND l.seq < m.last`,
    [ids],
  );
  await q(`UPDATE log_lines SET line = $2, stream = 'system', timestamp = now() WHERE deployment_id = ANY($1::uuid[])`, [ids, marker]);
  return ids.length;
}

/** TypeORM returns [rows, count] for a DELETE … RETURNING on postgres, rows otherwise. */
function countOf(result: unknown[]): number {
  return Array.isArray(result[0]) ? (result[0] as unknown[]).length : result.length;
}

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  // digits only: "1e3", " 5" or "0x10" are more likely mistakes than intent
  if (!/^[0-9]+$/.test(raw) || !Number.isSafeInteger(n) || n < 1) throw new Error(`${name} must be a whole number of at least 1 (got "${raw}").`);
  return n;
}
