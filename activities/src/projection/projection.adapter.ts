// The worker's view of the deployment projection (status, steps, log lines in PostgreSQL, each
// change announced for the gateway's subscriptions): a facade over the shared data layer
// (@paas/db) that adds what is the worker's own: masking secrets in every log line and the log caps.
// Every write is idempotent (upserts keyed by deployment and step), so activity retries are safe.
import type { DeploymentStatus, LogStream, ReleaseState, StepName, StepStatus } from '@paas/contracts';
import { Database, type DeploymentConfig, type DeploymentEntity, type DeploymentPatch, type EnvSnapshotEntry, type LogSize, type NewLogLine } from '@paas/db';
import type { DataSource } from 'typeorm';
import { SecretMasker } from '../logs/secret-masker.js';

export type { DeploymentPatch } from '@paas/db';

export interface DeploymentRecord {
  id: string;
  appId: string;
  /** Trigger PREVIEW: the pull request's preview (its releases are apart from the app's). */
  previewId: string | null;
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

/** Bounds on what one deployment's log may hold. */
export interface LogLimits {
  /** A stored line is cut here (LogWriter cuts with a marker before that). */
  maxLineChars: number;
  maxLogBytes: number;
}

export const DEFAULT_LOG_LIMITS: LogLimits = { maxLineChars: 16 * 1024, maxLogBytes: 10 * 1024 * 1024 };

export class ProjectionAdapter {
  private readonly maskers = new Map<string, { masker: SecretMasker; until: number }>();
  private readonly db: Database;

  constructor(
    source: DataSource | Database,
    readonly limits: LogLimits = DEFAULT_LOG_LIMITS,
  ) {
    this.db = source instanceof Database ? source : new Database(source);
  }

  async getDeployment(id: string): Promise<DeploymentRecord | undefined> {
    const d = await this.db.deployments.find(id);
    return d ? toRecord(d) : undefined;
  }

  /** The team that owns the app (its Kubernetes namespace). */
  async teamOf(appId: string): Promise<string> {
    const app = await this.db.apps.findById(appId);
    if (!app) throw new Error(`App ${appId} does not exist (was it deleted?)`);
    return app.teamId;
  }

  /** App.replicas: the instances the worker last saw serving on Kubernetes. */
  async setServingReplicas(appId: string, replicas: number): Promise<void> {
    await this.db.apps.update(appId, { servingReplicas: replicas });
  }

  async getLiveDeployment(appId: string, exceptId: string, previewId: string | null = null): Promise<DeploymentRecord | undefined> {
    const d = await this.db.deployments.live(appId, exceptId, previewId);
    return d ? toRecord(d) : undefined;
  }

  /**
   * The app's git credential. A pull-request preview of a fork (cloned from another URL than the
   * app's) gets none: the credential is for the app's own repository only.
   */
  async getGitToken(appId: string, deploymentId?: string): Promise<string | null> {
    const d = deploymentId ? await this.db.deployments.find(deploymentId) : null;
    if (d?.previewId && (await this.db.apps.findById(appId))?.gitUrl !== d.config.gitUrl) return null;
    return this.db.apps.gitToken(appId);
  }

  getEnvSnapshot(deploymentId: string): Promise<EnvSnapshotEntry[]> {
    return this.db.deployments.envSnapshot(deploymentId);
  }

  /** Updates a deployment unless it already reached a final status (a retry must not undo LIVE or FAILED). */
  updateDeployment(id: string, patch: DeploymentPatch): Promise<void> {
    return this.db.deployments.update(id, patch);
  }

  /**
   * Image digests of the app that may go: those of releases that served traffic, are not live,
   * and are older than the `keep` newest such releases (a digest used by a kept one stays).
   */
  async prunableImages(appId: string, keep: number, previewId: string | null = null): Promise<{ imageRef: string; deploymentIds: string[] }[]> {
    return (await this.db.deployments.prunableReleases(appId, keep, 'imageRef', previewId)).map(({ ref, deploymentIds }) => ({ imageRef: ref, deploymentIds }));
  }

  /** STATIC releases whose files may go: the same rule, by object-storage prefix (a rollback shares its source's). */
  async prunableSiteReleases(appId: string, keep: number, previewId: string | null = null): Promise<{ prefix: string; deploymentIds: string[] }[]> {
    return (await this.db.deployments.prunableReleases(appId, keep, 'sitePrefix', previewId)).map(({ ref, deploymentIds }) => ({ prefix: ref, deploymentIds }));
  }

  markImagePruned(deploymentIds: string[]): Promise<void> {
    return this.db.deployments.markPruned(deploymentIds);
  }

  /** Counts an exit of a live release's container; null when the deployment is not live (a retired release). */
  countReleaseExit(deploymentId: string): Promise<number | null> {
    return this.db.deployments.countReleaseExit(deploymentId);
  }

  async setReleaseState(deploymentId: string, state: ReleaseState, line: string): Promise<void> {
    await this.db.deployments.setReleaseState(deploymentId, state);
    await this.appendLogs(deploymentId, [{ stream: 'system', line }]);
    await this.notifyDeployment(deploymentId);
  }

  /** This deployment becomes LIVE; the one live before it becomes SUPERSEDED, in one transaction. */
  markLive(id: string, appId: string): Promise<void> {
    return this.db.deployments.markLive(id, appId);
  }

  recordStep(deploymentId: string, name: StepName, status: StepStatus, opts: { attempt?: number; message?: string } = {}): Promise<void> {
    return this.db.steps.record(deploymentId, name, status, opts);
  }

  /** Steps that started or wait and never finished, in pipeline order. */
  openSteps(deploymentId: string): Promise<{ name: StepName; status: StepStatus }[]> {
    return this.db.steps.open(deploymentId);
  }

  /** A step activity's attempt began; optionally the deployment enters a new status with it. */
  async stepStarted(deploymentId: string, name: StepName, attempt: number, status?: DeploymentStatus): Promise<void> {
    if (status) await this.db.deployments.advanceStatus(deploymentId, status);
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
    const result = await this.db.logs.append(deploymentId, (size) => admitLines(entries, size, masker, this.limits));
    return !result || result.stored === 0 || result.truncated ? 'full' : 'ok';
  }

  /**
   * The app's secret values: secret env vars (as they are now and as the deployment took them)
   * and the git token. Cached briefly: a chatty build appends several batches a second.
   */
  async secretMasker(deploymentId: string): Promise<SecretMasker> {
    const cached = this.maskers.get(deploymentId);
    if (cached && cached.until > Date.now()) return cached.masker;
    const masker = new SecretMasker(await this.db.deployments.secretValues(deploymentId));
    if (this.maskers.size > 1000) this.maskers.clear();
    this.maskers.set(deploymentId, { masker, until: Date.now() + 5000 });
    return masker;
  }

  notifyDeployment(id: string): Promise<void> {
    return this.db.deployments.notifyChanged(id);
  }
}

/** The log caps, applied under the deployment's row lock: which of `entries` are stored, masked and cut, and the log's size after them. */
function admitLines(
  entries: LogEntry[],
  size: LogSize,
  masker: SecretMasker,
  { maxLogBytes, maxLineChars }: LogLimits,
): { lines: NewLogLine[]; size: LogSize } {
  let { bytes, truncated } = size;
  const kept: NewLogLine[] = [];
  for (const e of entries) {
    const line = masker.mask(e.line).slice(0, maxLineChars + 64);
    const lineSize = Buffer.byteLength(line) + 1;
    if (!truncated && bytes + lineSize > maxLogBytes) {
      truncated = true;
      kept.push({
        stream: 'system',
        line: `Log truncated: this deployment's log reached ${formatBytes(maxLogBytes)} (PAAS_LOG_MAX_MB); later output is not stored.`,
      });
    }
    // the platform's own lines (few, short: steps, the outcome) are kept past the cap
    if (truncated && e.stream !== 'system') continue;
    bytes += lineSize;
    kept.push({ ...e, line });
  }
  return { lines: kept, size: { bytes, truncated } };
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(0)} MB` : `${(n / 1024).toFixed(0)} KB`;
}

function toRecord(d: DeploymentEntity): DeploymentRecord {
  return {
    id: d.id,
    appId: d.appId,
    previewId: d.previewId ?? null,
    status: d.status,
    requestedSha: d.requestedSha,
    commitSha: d.commitSha,
    imageRef: d.imageRef,
    sourceDeploymentId: d.sourceDeploymentId,
    config: d.config,
    containerName: d.containerName,
    upstream: d.upstream,
    sitePrefix: d.sitePrefix,
    uploadId: d.uploadId,
  };
}
