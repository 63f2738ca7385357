import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { DeploymentStatus, DeploymentTrigger } from '@paas/contracts';
import { sealedEnvSnapshot } from '../secrets/sealed-columns.js';

/** The app's settings as they were when the deployment was requested (no secrets). */
export interface DeploymentConfig {
  appName: string;
  kind: string;
  gitUrl: string | null;
  branch: string;
  rootDirectory: string;
  dockerfilePath: string;
  port: number;
  healthCheckPath: string;
  /** STATIC only (absent in snapshots taken before static sites existed). */
  buildImage?: string | null;
  buildCommand?: string | null;
  outputDirectory?: string | null;
  spaFallback?: boolean;
  /** One instance's size (absent in snapshots taken before apps had one: the worker's defaults apply). */
  memoryMb?: number;
  cpus?: number;
  /** Absent in snapshots taken before Kubernetes apps existed: DOCKER, one instance, STANDARD. */
  runtime?: string;
  replicas?: number;
  autoscale?: { minReplicas: number; maxReplicas: number; targetCpuPercent: number } | null;
  isolation?: string;
}

export interface EnvSnapshotEntry {
  key: string;
  value: string;
  secret: boolean;
}

/** A projection of one deployment workflow, written by the worker's activities. */
@Entity({ name: 'deployments' })
export class DeploymentEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'app_id', type: 'uuid' })
  appId!: string;

  /** Trigger PREVIEW: the pull request's preview it deploys (its own releases, beside the app's). Null for the app's own. */
  @Column({ name: 'preview_id', type: 'uuid', nullable: true })
  previewId!: string | null;

  @Column({ type: 'text' })
  status!: DeploymentStatus;

  @Column({ type: 'text' })
  trigger!: DeploymentTrigger;

  @Column({ name: 'requested_sha', type: 'text', nullable: true })
  requestedSha!: string | null;

  @Column({ name: 'commit_sha', type: 'text', nullable: true })
  commitSha!: string | null;

  @Column({ name: 'image_ref', type: 'text', nullable: true })
  imageRef!: string | null;

  @Column({ name: 'workflow_id', type: 'text' })
  workflowId!: string;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column({ name: 'source_deployment_id', type: 'uuid', nullable: true })
  sourceDeploymentId!: string | null;

  @Column({ type: 'jsonb' })
  config!: DeploymentConfig;

  /** Env vars the release runs with, secrets included: read by the worker only. */
  @Column({ name: 'env_snapshot', type: 'jsonb', select: false, transformer: sealedEnvSnapshot })
  envSnapshot?: EnvSnapshotEntry[];

  @Column({ name: 'container_name', type: 'text', nullable: true })
  containerName!: string | null;

  @Column({ name: 'upstream', type: 'text', nullable: true })
  upstream!: string | null;

  /** After LIVE: RUNNING, RESTARTING or CRASH_LOOPING (see the worker's release monitor). */
  @Column({ name: 'runtime_state', type: 'text', nullable: true })
  runtimeState!: string | null;

  @Column({ name: 'restart_count', type: 'int', default: 0 })
  restartCount!: number;

  /** STATIC: the object-storage prefix holding the release's files (immutable once written). */
  @Column({ name: 'site_prefix', type: 'text', nullable: true })
  sitePrefix!: string | null;

  /** Trigger UPLOAD: the ZIP (uploaded through a pre-signed URL) this deployment publishes. */
  @Column({ name: 'upload_id', type: 'uuid', nullable: true })
  uploadId!: string | null;

  /** Set when the release's image (SERVICE) or files (STATIC) were garbage-collected (beyond PAAS_KEEP_RELEASES). */
  @Column({ name: 'image_pruned_at', type: 'timestamptz', nullable: true })
  imagePrunedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}
