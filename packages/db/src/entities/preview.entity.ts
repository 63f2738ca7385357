import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A pull request's preview of an app: what it deploys (the head, maybe from a fork) and whether it is still open. */
@Entity({ name: 'previews' })
export class PreviewEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'app_id', type: 'uuid' })
  appId!: string;

  @Column({ name: 'pull_request', type: 'int' })
  pullRequest!: number;

  /** The pull request's head branch (in the head repository). */
  @Column({ type: 'text' })
  branch!: string;

  @Column({ name: 'head_sha', type: 'text' })
  headSha!: string;

  /** Where the head is cloned from: the app's own git URL, or the fork's. */
  @Column({ name: 'clone_url', type: 'text' })
  cloneUrl!: string;

  /** From another repository than the app's: its deployments get no secret env vars. */
  @Column({ name: 'from_fork', type: 'boolean' })
  fromFork!: boolean;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  /** Set when the pull request closed (or merged): its release, route and images are being or were removed. */
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;
}
