import { sealedText } from '../secrets/sealed-columns.js';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AppKind, Isolation, Runtime } from '@paas/contracts';

@Entity({ name: 'apps' })
export class AppEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text', unique: true })
  name!: string;

  /** The team that owns the app (issue 11). */
  @Column({ name: 'team_id', type: 'uuid' })
  teamId!: string;

  @Column({ type: 'text' })
  kind!: AppKind;

  @Column({ type: 'text' })
  runtime!: Runtime;

  @Column({ name: 'git_url', type: 'text', nullable: true })
  gitUrl!: string | null;

  /**
   * The app's one write-only git credential, which never leaves the server: the token of a
   * private http(s) repository, or the private key of an ssh:// one (the URL's scheme says which).
   */
  @Column({ name: 'git_token', type: 'text', nullable: true, select: false, transformer: sealedText })
  gitToken?: string | null;

  @Column({ type: 'text' })
  branch!: string;

  @Column({ name: 'root_directory', type: 'text' })
  rootDirectory!: string;

  @Column({ name: 'dockerfile_path', type: 'text' })
  dockerfilePath!: string;

  @Column({ name: 'build_image', type: 'text', nullable: true })
  buildImage!: string | null;

  @Column({ name: 'build_command', type: 'text', nullable: true })
  buildCommand!: string | null;

  @Column({ name: 'output_directory', type: 'text', nullable: true })
  outputDirectory!: string | null;

  /** STATIC only: unknown paths get index.html (200) instead of the 404 page. */
  @Column({ name: 'spa_fallback', type: 'boolean', default: false })
  spaFallback!: boolean;

  @Column({ type: 'int' })
  port!: number;

  /** Memory limit of one instance, MiB. */
  @Column({ name: 'memory_mb', type: 'int', default: 512 })
  memoryMb!: number;

  /** CPU limit of one instance, in cores. */
  @Column({ type: 'double precision', default: 1 })
  cpus!: number;

  /** Kubernetes: the Deployment's replicas when autoscale is off (Docker apps run one instance). */
  @Column({ type: 'int', default: 1 })
  replicas!: number;

  /** Kubernetes: a HorizontalPodAutoscaler on CPU; all three null when off. */
  @Column({ name: 'autoscale_min_replicas', type: 'int', nullable: true })
  autoscaleMinReplicas!: number | null;

  @Column({ name: 'autoscale_max_replicas', type: 'int', nullable: true })
  autoscaleMaxReplicas!: number | null;

  @Column({ name: 'autoscale_target_cpu_percent', type: 'int', nullable: true })
  autoscaleTargetCpuPercent!: number | null;

  @Column({ type: 'text', default: 'STANDARD' })
  isolation!: Isolation;

  /** Instances serving now, as the worker last saw them (null: never deployed on Kubernetes). */
  @Column({ name: 'serving_replicas', type: 'int', nullable: true })
  servingReplicas!: number | null;

  @Column({ name: 'health_check_path', type: 'text' })
  healthCheckPath!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
