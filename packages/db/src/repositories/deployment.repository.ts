// Deployments: the gateway records them (QUEUED, rollbacks) and reads them; the worker's
// projection moves them through their statuses. A deployment in a final status
// (FINAL_STATUSES) keeps it: a retried or late write never undoes LIVE, FAILED or CANCELLED.
import { FINAL_STATUSES, SERVED_STATUSES, deploymentWorkflowId, type DeploymentStatus, type DeploymentTrigger, type ReleaseState } from '@paas/contracts';
import { IsNull, type EntityManager, type QueryDeepPartialEntity } from 'typeorm';
import { AppEntity } from '../entities/app.entity.js';
import { DeploymentEntity, type DeploymentConfig, type EnvSnapshotEntry } from '../entities/deployment.entity.js';
import { EnvVarEntity } from '../entities/env-var.entity.js';
import { openStored } from '../secrets/sealed-columns.js';
import { notifyDeploymentChanged } from './notifications.js';

/** What the worker changes as a deployment proceeds; absent fields stay as they are. */
export interface DeploymentPatch {
  status?: DeploymentStatus;
  commitSha?: string;
  imageRef?: string;
  containerName?: string;
  upstream?: string;
  sitePrefix?: string;
  error?: string;
  /** Sets finished_at, once. */
  finished?: boolean;
}

export interface QueuedDeployment {
  id: string;
  appId: string;
  trigger: DeploymentTrigger;
  requestedSha: string | null;
  uploadId?: string | null;
  /** Trigger PREVIEW: the preview's name, the head to clone, and whether secret env vars go with it (never for a fork). */
  preview?: { id: string; appName: string; gitUrl: string; branch: string; withSecrets: boolean } | null;
}

/** A ROLLBACK of `source`: its image or files, settings and env vars, with no rebuild. */
export interface RollbackDeployment {
  id: string;
  source: DeploymentEntity & { envSnapshot?: EnvSnapshotEntry[] };
}

/** A release that may be garbage-collected: its image digest or site prefix, and the deployments that ran it. */
export interface PrunableRelease {
  ref: string;
  deploymentIds: string[];
}

/** Every column but the secret env snapshot, which is selected only where it is copied. */
const WITHOUT_ENV = {
  id: true,
  appId: true,
  previewId: true,
  status: true,
  trigger: true,
  requestedSha: true,
  commitSha: true,
  imageRef: true,
  workflowId: true,
  error: true,
  sourceDeploymentId: true,
  config: true,
  containerName: true,
  upstream: true,
  createdAt: true,
  finishedAt: true,
  imagePrunedAt: true,
  sitePrefix: true,
  uploadId: true,
  runtimeState: true,
  restartCount: true,
} as const;
const WITH_ENV = { ...WITHOUT_ENV, envSnapshot: true } as const;

export class DeploymentRepository {
  constructor(private readonly db: EntityManager) {}

  private get deployments() {
    return this.db.getRepository(DeploymentEntity);
  }

  find(id: string): Promise<DeploymentEntity | null> {
    return this.deployments.findOne({ where: { id } });
  }

  exists(id: string): Promise<boolean> {
    return this.deployments.exists({ where: { id } });
  }

  /** Newest first, at most `take`. */
  listForApp(appId: string, take: number): Promise<DeploymentEntity[]> {
    return this.deployments.find({ where: { appId }, order: { createdAt: 'DESC' }, take });
  }

  /**
   * The app's live deployment (the newest, should there ever be two), optionally other than `exceptId`;
   * with `previewId`, that preview's instead (a preview's releases never count as the app's).
   */
  live(appId: string, exceptId?: string, previewId: string | null = null): Promise<DeploymentEntity | null> {
    const q = this.deployments.createQueryBuilder('d').where('d.app_id = :appId AND d.status = :live', { appId, live: 'LIVE' satisfies DeploymentStatus });
    if (previewId) q.andWhere('d.preview_id = :previewId', { previewId });
    else q.andWhere('d.preview_id IS NULL');
    if (exceptId) q.andWhere('d.id <> :exceptId', { exceptId });
    return q.orderBy('d.createdAt', 'DESC').limit(1).getOne();
  }

  /** Every team's deployments in flight (the deployment queue), oldest first, at most `take`. */
  inFlight(take: number): Promise<DeploymentEntity[]> {
    return this.deployments
      .createQueryBuilder('d')
      .where('d.status NOT IN (:...final)', { final: FINAL_STATUSES })
      .orderBy('d.createdAt', 'ASC')
      .take(take)
      .getMany();
  }

  /** Every team's LIVE deployments (the running releases), newest first, at most `take`. */
  allLive(take: number): Promise<DeploymentEntity[]> {
    return this.deployments.find({ where: { status: 'LIVE' }, order: { createdAt: 'DESC' }, take });
  }

  /** Deployments of the app still in flight (not in a final status). */
  unfinished(appId: string): Promise<DeploymentEntity[]> {
    return this.deployments.createQueryBuilder('d').where('d.app_id = :appId AND d.status NOT IN (:...final)', { appId, final: FINAL_STATUSES }).getMany();
  }

  /** The app's own deployments in flight (a pull request's preview building does not count). */
  async countUnfinished(appId: string): Promise<number> {
    return this.deployments
      .createQueryBuilder('d')
      .where('d.app_id = :appId AND d.preview_id IS NULL AND d.status NOT IN (:...final)', { appId, final: FINAL_STATUSES })
      .getCount();
  }

  /** The env vars the deployment runs with, secrets included: for the worker and for copying into a rollback only. */
  async envSnapshot(id: string): Promise<EnvSnapshotEntry[]> {
    const d = await this.deployments.findOne({ where: { id }, select: { id: true, envSnapshot: true } });
    return d?.envSnapshot ?? [];
  }

  /** A deployment of the app with its env snapshot (a rollback's source), or null. */
  findForAppWithEnv(appId: string, id: string): Promise<DeploymentEntity | null> {
    return this.deployments.findOne({ where: { id, appId }, select: WITH_ENV });
  }

  /** The newest release the app served before the live one whose image or files are still kept, with its env snapshot. */
  latestRestorableWithEnv(appId: string): Promise<DeploymentEntity | null> {
    return this.deployments
      .createQueryBuilder('d')
      .addSelect('d.envSnapshot')
      .where('d.app_id = :appId AND d.status = :superseded AND d.image_pruned_at IS NULL AND d.preview_id IS NULL', {
        appId,
        superseded: 'SUPERSEDED' satisfies DeploymentStatus,
      })
      .orderBy('d.finishedAt', 'DESC')
      .limit(1)
      .getOne();
  }

  /** Inside a transaction: a QUEUED deployment with a snapshot of its app's settings and env vars now. False when the app does not exist. */
  async insertQueued(input: QueuedDeployment): Promise<boolean> {
    const app = await this.db.getRepository(AppEntity).findOne({ where: { id: input.appId } });
    if (!app) return false;
    const env = await this.db.getRepository(EnvVarEntity).find({ where: { appId: input.appId } });
    const preview = input.preview ?? null;
    // a preview runs under its own name, from the pull request's head; always on Docker, one instance
    const config: DeploymentConfig = preview
      ? { ...configOf(app), appName: preview.appName, gitUrl: preview.gitUrl, branch: preview.branch, runtime: 'DOCKER', replicas: 1, autoscale: null }
      : configOf(app);
    await this.deployments.insert({
      id: input.id,
      appId: input.appId,
      previewId: preview?.id ?? null,
      status: 'QUEUED',
      trigger: input.trigger,
      requestedSha: input.requestedSha,
      uploadId: input.uploadId ?? null,
      workflowId: deploymentWorkflowId(input.id),
      config,
      envSnapshot: env.filter((e) => !preview || preview.withSecrets || !e.secret).map((e) => ({ key: e.key, value: e.value, secret: e.secret })),
    });
    return true;
  }

  async insertRollback({ id, source }: RollbackDeployment): Promise<void> {
    await this.deployments.insert({
      id,
      appId: source.appId,
      status: 'QUEUED',
      trigger: 'ROLLBACK',
      requestedSha: null,
      commitSha: source.commitSha,
      imageRef: source.imageRef,
      sitePrefix: source.sitePrefix,
      sourceDeploymentId: source.id,
      workflowId: deploymentWorkflowId(id),
      config: source.config,
      envSnapshot: source.envSnapshot ?? [],
    });
  }

  /** Ends a deployment that no workflow holds; only while it is still QUEUED when `onlyIfQueued`. */
  async endUnstarted(id: string, status: 'FAILED' | 'CANCELLED', error: string, onlyIfQueued: boolean): Promise<void> {
    await this.deployments.update(onlyIfQueued ? { id, status: 'QUEUED' } : { id }, { status, error, finishedAt: new Date() });
  }

  /** Applies `patch` and notifies; a status change only while the deployment is not final. */
  async update(id: string, patch: DeploymentPatch): Promise<void> {
    const set: QueryDeepPartialEntity<DeploymentEntity> = {};
    for (const key of ['status', 'commitSha', 'imageRef', 'containerName', 'upstream', 'sitePrefix', 'error'] as const) {
      if (patch[key] !== undefined && patch[key] !== null) Object.assign(set, { [key]: patch[key] });
    }
    if (patch.finished) set.finishedAt = () => 'COALESCE(finished_at, now())';
    if (Object.keys(set).length > 0) {
      const q = this.deployments.createQueryBuilder().update().set(set).where('id = :id', { id });
      if (patch.status) q.andWhere('status NOT IN (:...final)', { final: FINAL_STATUSES });
      await q.execute();
    }
    await notifyDeploymentChanged(this.db, id);
  }

  /** Moves an unfinished deployment to `status` (a step began); a final one keeps its own. */
  async advanceStatus(id: string, status: DeploymentStatus): Promise<void> {
    await this.deployments
      .createQueryBuilder()
      .update()
      .set({ status })
      .where('id = :id AND status NOT IN (:...final)', { id, final: FINAL_STATUSES })
      .execute();
  }

  /**
   * This deployment becomes LIVE and the one live before it SUPERSEDED, in one transaction; both are
   * announced. "Before it" is within the same preview, or among the app's own deployments.
   */
  async markLive(id: string, appId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const q = tx.getRepository(DeploymentEntity).createQueryBuilder().update();
      await q
        .set({ status: 'SUPERSEDED' })
        .where('app_id = :appId AND status = :live AND id <> :id', { appId, id, live: 'LIVE' })
        .andWhere('preview_id IS NOT DISTINCT FROM (SELECT preview_id FROM deployments WHERE id = :id)')
        .execute();
      await tx
        .getRepository(DeploymentEntity)
        .createQueryBuilder()
        .update()
        .set({ status: 'LIVE', runtimeState: 'RUNNING' satisfies ReleaseState, error: null, finishedAt: () => 'COALESCE(finished_at, now())' })
        .where('id = :id', { id })
        .execute();
    });
    const own = await this.deployments.findOne({ where: { id }, select: { id: true, previewId: true } });
    const served = await this.deployments.find({
      where: SERVED_STATUSES.map((status) => ({ appId, status, previewId: own?.previewId ?? IsNull() })),
      order: { createdAt: 'DESC' },
      take: 2,
      select: { id: true },
    });
    for (const d of served) await notifyDeploymentChanged(this.db, d.id);
  }

  /**
   * Releases of the app whose image (`imageRef`) or files (`sitePrefix`) may go: those that served
   * traffic, are not live, and are older than the `keep` newest such releases; a ref that a kept
   * or live release also uses stays (a rollback shares its source's).
   */
  async prunableReleases(appId: string, keep: number, by: 'imageRef' | 'sitePrefix', previewId: string | null = null): Promise<PrunableRelease[]> {
    const column = by === 'imageRef' ? 'image_ref' : 'site_prefix';
    const rows = await this.deployments
      .createQueryBuilder('d')
      .select(['d.id', `d.${by}`, 'd.status'])
      .where(`d.app_id = :appId AND d.${column} IS NOT NULL AND d.image_pruned_at IS NULL AND d.status IN (:...served)`, { appId, served: SERVED_STATUSES })
      // the app's releases and each preview's are kept (and pruned) apart
      .andWhere(previewId ? 'd.preview_id = :previewId' : 'd.preview_id IS NULL', { previewId })
      .orderBy('d.finishedAt', 'DESC')
      .getMany();
    const nonLive = rows.filter((r) => r.status !== 'LIVE');
    const kept = new Set([...rows.filter((r) => r.status === 'LIVE'), ...nonLive.slice(0, keep)].map((r) => r[by]));
    const byRef = new Map<string, string[]>();
    for (const r of nonLive.slice(keep)) if (!kept.has(r[by])) byRef.set(r[by]!, [...(byRef.get(r[by]!) ?? []), r.id]);
    return [...byRef].map(([ref, deploymentIds]) => ({ ref, deploymentIds }));
  }

  /** A preview's deployments (newest first): what its teardown removes. */
  ofPreview(previewId: string): Promise<DeploymentEntity[]> {
    return this.deployments.find({ where: { previewId }, order: { createdAt: 'DESC' } });
  }

  /** After a preview's teardown: its live release no longer serves (SUPERSEDED) and its releases are gone (pruned). */
  async retirePreview(previewId: string): Promise<void> {
    // (the driver answers an UPDATE … RETURNING with [rows, count])
    const [ids]: [{ id: string }[], number] = await this.db.query(
      `UPDATE deployments SET status = CASE WHEN status = 'LIVE' THEN 'SUPERSEDED' ELSE status END,
              image_pruned_at = CASE WHEN image_ref IS NOT NULL OR site_prefix IS NOT NULL THEN coalesce(image_pruned_at, now()) ELSE image_pruned_at END
        WHERE preview_id = $1 RETURNING id`,
      [previewId],
    );
    for (const { id } of ids) await notifyDeploymentChanged(this.db, id);
  }

  async markPruned(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.deployments
      .createQueryBuilder()
      .update()
      .set({ imagePrunedAt: () => 'now()' })
      .whereInIds(ids)
      .execute();
  }

  /** Counts an exit of a live release's container: the new count, or null when the deployment is not live (a retired release). */
  async countReleaseExit(id: string): Promise<number | null> {
    const result = await this.deployments
      .createQueryBuilder()
      .update()
      .set({ restartCount: () => 'restart_count + 1' })
      .where('id = :id AND status = :live', { id, live: 'LIVE' })
      .returning('restart_count')
      .execute();
    const rows = result.raw as { restart_count: number }[];
    return rows[0]?.restart_count ?? null;
  }

  /** What a live release's container does now; a release that is no longer live keeps what it had. */
  async setReleaseState(id: string, state: ReleaseState): Promise<void> {
    await this.deployments.createQueryBuilder().update().set({ runtimeState: state }).where('id = :id AND status = :live', { id, live: 'LIVE' }).execute();
  }

  async notifyChanged(id: string): Promise<void> {
    await notifyDeploymentChanged(this.db, id);
  }

  /**
   * Every secret value a deployment's log must never show: the app's secret env vars as they
   * are now and as the deployment took them, and the app's git credential.
   */
  async secretValues(id: string): Promise<(string | null)[]> {
    // PostgreSQL-specific (jsonb): the one raw query of this repository
    const rows: { value: string | null }[] = await this.db.query(
      `SELECT e.value FROM env_vars e JOIN deployments d ON d.app_id = e.app_id WHERE d.id = $1 AND e.secret
       UNION ALL SELECT s->>'value' FROM deployments d, jsonb_array_elements(COALESCE(d.env_snapshot, '[]'::jsonb)) s WHERE d.id = $1 AND (s->>'secret')::boolean
       UNION ALL SELECT a.git_token FROM apps a JOIN deployments d ON d.app_id = a.id WHERE d.id = $1`,
      [id],
    );
    // raw SQL bypasses the column transformers: the values are opened here, the log masker needs them in clear
    return rows.map((r) => (r.value === null ? null : openStored(r.value)));
  }
}

function configOf(app: AppEntity): DeploymentConfig {
  return {
    appName: app.name,
    kind: app.kind,
    gitUrl: app.gitUrl,
    branch: app.branch,
    rootDirectory: app.rootDirectory,
    dockerfilePath: app.dockerfilePath,
    port: app.port,
    healthCheckPath: app.healthCheckPath,
    buildImage: app.buildImage,
    buildCommand: app.buildCommand,
    outputDirectory: app.outputDirectory,
    spaFallback: app.spaFallback,
    memoryMb: app.memoryMb,
    cpus: app.cpus,
    runtime: app.runtime,
    replicas: app.replicas,
    autoscale:
      app.autoscaleMinReplicas !== null && app.autoscaleMaxReplicas !== null && app.autoscaleTargetCpuPercent !== null
        ? { minReplicas: app.autoscaleMinReplicas, maxReplicas: app.autoscaleMaxReplicas, targetCpuPercent: app.autoscaleTargetCpuPercent }
        : null,
    isolation: app.isolation,
  };
}
