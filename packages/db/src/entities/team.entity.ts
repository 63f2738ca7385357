import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

export type TeamRoleName = 'OWNER' | 'ADMIN' | 'DEVELOPER' | 'VIEWER';

/** The team the migration of issue 11 created for the apps that existed before teams: the admin token's own. */
export const OPERATOR_TEAM_ID = '00000000-0000-4000-8000-000000000001';

@Entity({ name: 'teams' })
export class TeamEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  /** The team made for a user at sign-up. */
  @Column({ type: 'boolean', default: false })
  personal!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

@Entity({ name: 'team_members' })
export class TeamMemberEntity {
  @PrimaryColumn({ name: 'team_id', type: 'uuid' })
  teamId!: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ type: 'text' })
  role!: TeamRoleName;
}

/** An email invited to a team: it becomes a member when it signs up. */
@Entity({ name: 'team_invitations' })
export class TeamInvitationEntity {
  @PrimaryColumn({ name: 'team_id', type: 'uuid' })
  teamId!: string;

  @PrimaryColumn({ type: 'text' })
  email!: string;

  @Column({ type: 'text' })
  role!: TeamRoleName;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
