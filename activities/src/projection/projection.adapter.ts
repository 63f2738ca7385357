// Writes the deployment projection (status, steps, log lines) to PostgreSQL and announces each
// change with NOTIFY, which the gateway turns into GraphQL subscription events.
// Every write is an idempotent upsert keyed by deployment and step, so activity retries are safe.
import { NOTIFY_CHANNELS, STEP_NAMES, type DeploymentStatus, type LogStream, type ReleaseState, type StepName, type StepStatus } from '@paas/contracts';
import type { DataSource } from 'typeorm';
import type { DeploymentConfig, EnvSnapshotEntry } from '@paas/db';
import { SecretMasker } from '../logs/secret-masker.js';

export interface DeploymentRecord {
  id: string;
  appId: string;
  status: DeploymentStatus;
  requestedSha: string | null;
  commitSha: string | null;
  imageRef: string | null;
  sourceDeploymentId: string | null;
  config: DeploymentConfig;
  containerName: string | null;
  upstream: string | null;
  sitePrefix: string | null;
  uploadId: string | null;
}

export interface LogEntry {
  stream: LogStream;
  line: string;
  timestamp?: Date;
}

export interface DeploymentPatch {
  status?: DeploymentStatus;
  commitSha?: string;
  imageRef?: string;
  containerName?: string;
  upstream?: string;
  sitePrefix?: string;
  error?: string;
  finished?: boolean;
}

const FINAL = `('LIVE','SUPERSEDED','FAILED','CANCELLED')`;

/** Bounds on what one deployment's log may hold. */
export interface LogLimits {
  /** A stored line is cut here (LogWriter cuts with a marker before that). */
  maxLineChars: number;
  maxLogBytes: number;
}

export const DEFAULT_LOG_LIMITS: LogLimits = { maxLineChars: 16 * 1024, maxLogBytes: 10 * 1024 * 1024 };

export class ProjectionAdapter {
  private readonly maskers = new Map<string, { masker: SecretMasker; until: number }>();

  constructor(
    private readonly db: DataSource,
    readonly limits: LogLimits = DEFAULT_LOG_LIMITS,
  ) {}

  async getDeployment(id: string): Promise<DeploymentRecord | undefined> {
    const rows = await this.db.query(
      `SELECT id, app_id, status, requested_sha, commit_sha, image_ref, source_deployment_id, config, container_name, upstream, site_prefix, upload_id
         FROM deployments WHERE id = $1`,
      [id],
    );
    return rows[0] ? toRecord(rows[0]) : undefined;
  }

  async getLiveDeployment(appId: string, exceptId: string): Promise<DeploymentRecord | undefined> {
    const rows = await this.db.query(
      `SELECT id, app_id, status, requested_sha, commit_sha, image_ref, source_deployment_id, config, container_name, upstream, site_prefix, upload_id
         FROM deployments WHERE app_id = $1 AND status = 'LIVE' AND id <> $2 ORDER BY created_at DESC LIMIT 1`,
      [appId, exceptId],
    );
    return rows[0] ? toRecord(rows[0]) : undefined;
  }

  async getGitToken(appId: string): Promise<string | null> {
    const rows = await this.db.query('SELECT git_token FROM apps WHERE id = $1', [appId]);
    return rows[0]?.git_token ?? null;
  }

  async getEnvSnapshot(deploymentId: string): Promise<EnvSnapshotEntry[]> {
    const rows = await this.db.query('SELECT env_snapshot FROM deployments WHERE id = $1', [deploymentId]);
    return (rows[0]?.env_snapshot as EnvSnapshotEntry[] | undefined) ?? [];
  }

  /** Updates a deployment unless it already reached a final status (a retry must not undo LIVE or FAILED). */
  async updateDeployment(id: string, patch: DeploymentPatch): Promise<void> {
    await this.db.query(
      `UPDATE deployments SET
         status = COALESCE($2, status),
         commit_sha = COALESCE($3, commit_sha),
         image_ref = COALESCE($4, image_ref),
         container_name = COALESCE($5, container_name),
         upstream = COALESCE($6, upstream),
         error = COALESCE($7, error),
         finished_at = CASE WHEN $8 THEN COALESCE(finished_at, now()) ELSE finished_at END,
         site_prefix = COALESCE($9, site_prefix)
       WHERE id = $1 AND (status NOT IN ${FINAL} OR $2::text IS NULL)`,
      [id, patch.status ?? null, patch.commitSha ?? null, patch.imageRef ?? null, patch.containerName ?? null, patch.upstream ?? null, patch.error ?? null, patch.finished ?? false, patch.sitePrefix ?? null],
    );
    await this.notifyDeployment(id);
  }

  /**
   * Image digests of the app that may go: those of releases that served traffic, are not live,
   * and are older than the `keep` newest such releases (a digest used by a kept one stays).
   */
  async prunableImages(appId: string, keep: number): Promise<{ imageRef: string; deploymentIds: string[] }[]> {
    return (await this.prunable(appId, keep, 'image_ref')).map(({ ref, deploymentIds }) => ({ imageRef: ref, deploymentIds }));
  }

  /** STATIC releases whose files may go: the same rule, by object-storage prefix (a rollback shares its source's). */
  async prunableSiteReleases(appId: string, keep: number): Promise<{ prefix: string; deploymentIds: string[] }[]> {
    return (await this.prunable(appId, keep, 'site_prefix')).map(({ ref, deploymentIds }) => ({ prefix: ref, deploymentIds }));
  }

  private async prunable(appId: string, keep: number, column: 'image_ref' | 'site_prefix'): Promise<{ ref: string; deploymentIds: string[] }[]> {
    const rows: { id: string; ref: string; rank: number; live: boolean }[] = await this.db.query(
      `SELECT id, ${column} AS ref, status = 'LIVE' AS live,
              row_number() OVER (ORDER BY finished_at DESC) AS rank
         FROM deployments
        WHERE app_id = $1 AND ${column} IS NOT NULL AND image_pruned_at IS NULL AND status IN ('LIVE', 'SUPERSEDED')`,
      [appId],
    );
    const nonLive = rows.filter((r) => !r.live).sort((a, b) => Number(a.rank) - Number(b.rank));
    const kept = new Set([...rows.filter((r) => r.live), ...nonLive.slice(0, keep)].map((r) => r.ref));
    const byRef = new Map<string, string[]>();
    for (const r of nonLive.slice(keep)) if (!kept.has(r.ref)) byRef.set(r.ref, [...(byRef.get(r.ref) ?? []), r.id]);
    return [...byRef].map(([ref, deploymentIds]) => ({ ref, deploymentIds }));
  }

  async markImagePruned(deploymentIds: string[]): Promise<void> {
    await this.db.query(`UPDATE deployments SET image_pruned_at = now() WHERE id = ANY($1::uuid[])`, [deploymentIds]);
  }

  /** Counts an exit of a live release's container; null when the deployment is not live (a retired release). */
  async countReleaseExit(deploymentId: string): Promise<number | null> {
    const rows = flatRows(await this.db.query(`UPDATE deployments SET restart_count = restart_count + 1 WHERE id = $1 AND status = 'LIVE' RETURNING restart_count`, [deploymentId])) as unknown as { restart_count: number }[];
    return rows[0]?.restart_count ?? null;
  }

  async setReleaseState(deploymentId: string, state: ReleaseState, line: string): Promise<void> {
    await this.db.query(`UPDATE deployments SET runtime_state = $2 WHERE id = $1 AND status = 'LIVE'`, [deploymentId, state]);
    await this.appendLogs(deploymentId, [{ stream: 'system', line }]);
    await this.notifyDeployment(deploymentId);
  }

  /** This deployment becomes LIVE; the one live before it becomes SUPERSEDED, in one transaction. */
  async markLive(id: string, appId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query(`UPDATE deployments SET status = 'SUPERSEDED' WHERE app_id = $1 AND status = 'LIVE' AND id <> $2`, [appId, id]);
      await tx.query(`UPDATE deployments SET status = 'LIVE', runtime_state = 'RUNNING', error = NULL, finished_at = COALESCE(finished_at, now()) WHERE id = $1`, [id]);
    });
    await this.notifyAppDeployments(appId);
  }

  async recordStep(deploymentId: string, name: StepName, status: StepStatus, opts: { attempt?: number; message?: string } = {}): Promise<void> {
    const position = Math.max(0, STEP_NAMES.indexOf(name));
    const starts = status === 'RUNNING';
    const finishes = status === 'SUCCEEDED' || status === 'FAILED' || status === 'SKIPPED' || status === 'COMPENSATED';
    await this.db.query(
      `INSERT INTO deployment_steps (deployment_id, name, position, status, attempt, started_at, finished_at, message)
       VALUES ($1, $2, $3, $4, COALESCE($5, 1), CASE WHEN $6 THEN now() END, CASE WHEN $7 THEN now() END, $8)
       ON CONFLICT (deployment_id, name) DO UPDATE SET
         status = EXCLUDED.status,
         attempt = GREATEST(deployment_steps.attempt, COALESCE($5, deployment_steps.attempt)),
         started_at = COALESCE(deployment_steps.started_at, EXCLUDED.started_at),
         finished_at = CASE WHEN $7 THEN COALESCE(EXCLUDED.finished_at, now()) WHEN $6 THEN NULL ELSE deployment_steps.finished_at END,
         message = COALESCE($8, deployment_steps.message)`,
      [deploymentId, name, position, status, opts.attempt ?? null, starts, finishes, opts.message ?? null],
    );
    await this.notifyDeployment(deploymentId);
  }

  /** A step activity's attempt began; optionally the deployment enters a new status with it. */
  async stepStarted(deploymentId: string, name: StepName, attempt: number, status?: DeploymentStatus): Promise<void> {
    if (status) {
      await this.db.query(`UPDATE deployments SET status = $2 WHERE id = $1 AND status NOT IN ${FINAL}`, [deploymentId, status]);
    }
    await this.recordStep(deploymentId, name, 'RUNNING', { attempt });
  }

  /**
   * Appends lines with strictly increasing seq numbers (per deployment, from 1). This is the one
   * way into a deployment's log: every line is masked with the app's secrets here, cut to the
   * line cap, and once the log holds `maxLogBytes` one last line says so and the rest is dropped.
   */
  async appendLogs(deploymentId: string, entries: LogEntry[]): Promise<'ok' | 'full'> {
    if (entries.length === 0) return 'ok';
    const masker = await this.secretMasker(deploymentId);
    const { maxLogBytes, maxLineChars } = this.limits;
    const range = await this.db.transaction(async (tx) => {
      const [row] = flatRows(await tx.query(`SELECT log_bytes, log_truncated FROM deployments WHERE id = $1 FOR UPDATE`, [deploymentId]));
      if (!row) return { full: true } as const;
      let bytes = Number(row.log_bytes);
      let truncated = Boolean(row.log_truncated);
      const kept: LogEntry[] = [];
      for (const e of entries) {
        const line = masker.mask(e.line).slice(0, maxLineChars + 64);
        const size = Buffer.byteLength(line) + 1;
        if (!truncated && bytes + size > maxLogBytes) {
          truncated = true;
          kept.push({ stream: 'system', line: `Log truncated: this deployment's log reached ${formatBytes(maxLogBytes)} (PAAS_LOG_MAX_MB); later output is not stored.` });
        }
        // the platform's own lines (few, short: steps, the outcome) are kept past the cap
        if (truncated && e.stream !== 'system') continue;
        bytes += size;
        kept.push({ ...e, line });
      }
      if (kept.length === 0) return { full: true } as const;
      const [{ log_seq: last }] = flatRows(
        await tx.query(`UPDATE deployments SET log_seq = log_seq + $2, log_bytes = $3, log_truncated = $4 WHERE id = $1 RETURNING log_seq`, [deploymentId, kept.length, bytes, truncated]),
      );
      const first = Number(last) - kept.length + 1;
      const values: unknown[] = [];
      const tuples = kept.map((e, i) => {
        values.push(deploymentId, first + i, e.timestamp ?? new Date(), e.stream, e.line);
        const b = i * 5;
        return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5})`;
      });
      await tx.query(`INSERT INTO log_lines (deployment_id, seq, timestamp, stream, line) VALUES ${tuples.join(',')}`, values);
      return { full: truncated, from: first, to: Number(last) };
    });
    if ('from' in range) await this.db.query('SELECT pg_notify($1, $2)', [NOTIFY_CHANNELS.log, JSON.stringify({ deploymentId, from: range.from, to: range.to })]);
    return range.full ? 'full' : 'ok';
  }

  /**
   * The app's secret values: secret env vars (as they are now and as the deployment took them)
   * and the git token. Cached briefly: a chatty build appends several batches a second.
   */
  async secretMasker(deploymentId: string): Promise<SecretMasker> {
    const cached = this.maskers.get(deploymentId);
    if (cached && cached.until > Date.now()) return cached.masker;
    const rows: { value: string | null }[] = await this.db.query(
      `SELECT e.value FROM env_vars e JOIN deployments d ON d.app_id = e.app_id WHERE d.id = $1 AND e.secret
       UNION ALL SELECT s->>'value' FROM deployments d, jsonb_array_elements(COALESCE(d.env_snapshot, '[]'::jsonb)) s WHERE d.id = $1 AND (s->>'secret')::boolean
       UNION ALL SELECT a.git_token FROM apps a JOIN deployments d ON d.app_id = a.id WHERE d.id = $1`,
      [deploymentId],
    );
    const masker = new SecretMasker(rows.map((r) => r.value));
    if (this.maskers.size > 1000) this.maskers.clear();
    this.maskers.set(deploymentId, { masker, until: Date.now() + 5000 });
    return masker;
  }

  async notifyDeployment(id: string): Promise<void> {
    await this.db.query('SELECT pg_notify($1, $2)', [NOTIFY_CHANNELS.deployment, id]);
  }

  private async notifyAppDeployments(appId: string): Promise<void> {
    const rows: { id: string }[] = await this.db.query(`SELECT id FROM deployments WHERE app_id = $1 AND status IN ('LIVE','SUPERSEDED') ORDER BY created_at DESC LIMIT 2`, [appId]);
    for (const r of rows) await this.notifyDeployment(r.id);
  }
}

/** TypeORM returns [rows, count] for UPDATE ... RETURNING on postgres. */
function flatRows(r: unknown): Record<string, any>[] {
  if (Array.isArray(r) && Array.isArray(r[0])) return r[0] as Record<string, any>[];
  return r as Record<string, any>[];
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(0)} MB` : `${(n / 1024).toFixed(0)} KB`;
}

function toRecord(r: Record<string, unknown>): DeploymentRecord {
  return {
    id: r.id as string,
    appId: r.app_id as string,
    status: r.status as DeploymentStatus,
    requestedSha: (r.requested_sha as string | null) ?? null,
    commitSha: (r.commit_sha as string | null) ?? null,
    imageRef: (r.image_ref as string | null) ?? null,
    sourceDeploymentId: (r.source_deployment_id as string | null) ?? null,
    config: r.config as DeploymentConfig,
    containerName: (r.container_name as string | null) ?? null,
    upstream: (r.upstream as string | null) ?? null,
    sitePrefix: (r.site_prefix as string | null) ?? null,
    uploadId: (r.upload_id as string | null) ?? null,
  };
}
