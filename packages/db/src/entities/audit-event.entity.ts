import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One recorded mutation or sign-in: names and ids only, never argument values. */
@Entity({ name: 'audit_events' })
export class AuditEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;

  /** The user's email, the API token's name, "admin", or the email given to a sign-in. */
  @Column({ type: 'text' })
  actor!: string;

  /** The mutation's name. */
  @Column({ type: 'text' })
  action!: string;

  @Column({ name: 'target_id', type: 'text', nullable: true })
  targetId!: string | null;

  @Column({ name: 'team_id', type: 'uuid', nullable: true })
  teamId!: string | null;

  /** "ok", or the error code. */
  @Column({ type: 'text' })
  result!: string;

  /** The caller's network address. */
  @Column({ type: 'text', nullable: true })
  address!: string | null;
}
