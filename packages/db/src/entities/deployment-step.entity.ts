import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { StepName, StepStatus } from '@paas/contracts';

@Entity({ name: 'deployment_steps' })
export class DeploymentStepEntity {
  @PrimaryColumn({ name: 'deployment_id', type: 'uuid' })
  deploymentId!: string;

  @PrimaryColumn({ type: 'text' })
  name!: StepName;

  /** Order of the step within its deployment. */
  @Column({ type: 'int' })
  position!: number;

  @Column({ type: 'text' })
  status!: StepStatus;

  @Column({ type: 'int', default: 1 })
  attempt!: number;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  message!: string | null;
}
