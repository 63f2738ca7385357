import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { LogStream } from '@paas/contracts';

@Entity({ name: 'log_lines' })
export class LogLineEntity {
  @PrimaryColumn({ name: 'deployment_id', type: 'uuid' })
  deploymentId!: string;

  @PrimaryColumn({ type: 'int' })
  seq!: number;

  @Column({ type: 'timestamptz' })
  timestamp!: Date;

  @Column({ type: 'text' })
  stream!: LogStream;

  @Column({ type: 'text' })
  line!: string;
}
