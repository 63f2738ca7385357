// Teams, their members and invitations, and which team owns an app.
import type { EntityManager } from 'typeorm';
import { TeamEntity, TeamInvitationEntity, TeamMemberEntity, type TeamRoleName } from '../entities/team.entity.js';

export class TeamRepository {
  constructor(private readonly db: EntityManager) {}

  findById(id: string): Promise<TeamEntity | null> {
    return this.db.getRepository(TeamEntity).findOne({ where: { id } });
  }

  list(): Promise<TeamEntity[]> {
    return this.db.getRepository(TeamEntity).find({ order: { createdAt: 'ASC' } });
  }

  async insert(team: { name: string; personal: boolean }): Promise<TeamEntity> {
    const rows: { id: string }[] = await this.db.query(`INSERT INTO teams (name, personal) VALUES ($1, $2) RETURNING id`, [team.name, team.personal]);
    return (await this.findById(rows[0].id))!;
  }

  /** The teams of a user with its role in each. */
  async ofUser(userId: string): Promise<{ team: TeamEntity; role: TeamRoleName }[]> {
    const members = await this.db.getRepository(TeamMemberEntity).find({ where: { userId } });
    const teams = await Promise.all(members.map((m) => this.findById(m.teamId)));
    return members.flatMap((m, i) => (teams[i] ? [{ team: teams[i], role: m.role }] : [])).sort((a, b) => +a.team.createdAt - +b.team.createdAt);
  }

  async roleOf(teamId: string, userId: string): Promise<TeamRoleName | null> {
    return (await this.db.getRepository(TeamMemberEntity).findOne({ where: { teamId, userId } }))?.role ?? null;
  }

  members(teamId: string): Promise<TeamMemberEntity[]> {
    return this.db.getRepository(TeamMemberEntity).find({ where: { teamId } });
  }

  async setMember(teamId: string, userId: string, role: TeamRoleName): Promise<void> {
    await this.db.query(`INSERT INTO team_members (team_id, user_id, role) VALUES ($1, $2, $3) ON CONFLICT (team_id, user_id) DO UPDATE SET role = $3`, [
      teamId,
      userId,
      role,
    ]);
  }

  async removeMember(teamId: string, userId: string): Promise<boolean> {
    const r = await this.db.getRepository(TeamMemberEntity).delete({ teamId, userId });
    return (r.affected ?? 0) > 0;
  }

  async invite(teamId: string, email: string, role: TeamRoleName): Promise<void> {
    await this.db.query(`INSERT INTO team_invitations (team_id, email, role) VALUES ($1, $2, $3) ON CONFLICT (team_id, email) DO UPDATE SET role = $3`, [
      teamId,
      email,
      role,
    ]);
  }

  /** The team's pending invitations, oldest first. */
  invitationsOfTeam(teamId: string): Promise<TeamInvitationEntity[]> {
    return this.db.getRepository(TeamInvitationEntity).find({ where: { teamId }, order: { createdAt: 'ASC' } });
  }

  invitationsOf(email: string): Promise<TeamInvitationEntity[]> {
    return this.db.getRepository(TeamInvitationEntity).find({ where: { email } });
  }

  /** Turns every invitation of `email` into a membership of `userId`. */
  async acceptInvitations(email: string, userId: string): Promise<void> {
    await this.db.query(
      `INSERT INTO team_members (team_id, user_id, role) SELECT team_id, $2, role FROM team_invitations WHERE email = $1 ON CONFLICT DO NOTHING`,
      [email, userId],
    );
    await this.db.query(`DELETE FROM team_invitations WHERE email = $1`, [email]);
  }

  /** The team that owns an app; null when there is no such app. */
  async teamOfApp(appId: string): Promise<string | null> {
    const rows: { team_id: string }[] = await this.db.query(`SELECT team_id FROM apps WHERE id = $1`, [appId]);
    return rows[0]?.team_id ?? null;
  }
}
