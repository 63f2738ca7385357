// Teams and their members. Every check of who may do it is the policy's.
import { Inject, Injectable } from '@nestjs/common';
import { Database } from '@paas/db';
import type { Principal, TeamRole } from '../auth/principal.js';
import { DomainError, notFound } from '../common/domain-error.js';
import { PolicyService } from '../policy/policy.service.js';
import { mayGrant } from '../policy/rules.js';
import { validateEmail, validateName } from '../users/account-input.js';
import { toUserModel } from '../users/user.model.js';
import type { TeamInvitationModel } from './team-invitation.model.js';
import type { TeamMemberModel, TeamModel } from './team.model.js';

@Injectable()
export class TeamService {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(PolicyService) private readonly policy: PolicyService,
  ) {}

  async list(principal: Principal | null): Promise<TeamModel[]> {
    const p = this.policy.principal(principal);
    if (this.policy.isPlatformAdmin(p)) return (await this.db.teams.list()).map((t) => ({ id: t.id, name: t.name, role: 'OWNER' }));
    if (p.kind === 'token') {
      const team = await this.db.teams.findById(p.teamId);
      return team ? [{ id: team.id, name: team.name, role: p.role }] : [];
    }
    if (p.kind !== 'user') return [];
    return (await this.db.teams.ofUser(p.userId)).map(({ team, role }) => ({ id: team.id, name: team.name, role }));
  }

  /** Null when the team does not exist or the caller is not in it. */
  async find(principal: Principal | null, id: string): Promise<TeamModel | null> {
    const role = await this.policy.roleIn(this.policy.principal(principal), id);
    const team = role ? await this.db.teams.findById(id) : null;
    return team && role ? { id: team.id, name: team.name, role } : null;
  }

  async create(principal: Principal | null, rawName: string): Promise<TeamModel> {
    const p = this.policy.principal(principal);
    if (p.kind === 'token') throw new DomainError('FORBIDDEN', 'An API token cannot create teams; sign in as a user.');
    const name = validateName(rawName, 'name')!;
    return this.db.transaction(async (tx) => {
      const team = await tx.teams.insert({ name, personal: false });
      if (p.kind === 'user') await tx.teams.setMember(team.id, p.userId, 'OWNER');
      return { id: team.id, name: team.name, role: 'OWNER' };
    });
  }

  async members(teamId: string): Promise<TeamMemberModel[]> {
    const rows = await this.db.teams.members(teamId);
    const users = new Map((await this.db.users.findByIds(rows.map((r) => r.userId))).map((u) => [u.id, u]));
    return rows.flatMap((r) => (users.has(r.userId) ? [{ user: toUserModel(users.get(r.userId)!), role: r.role }] : []));
  }

  async isPersonal(teamId: string): Promise<boolean | null> {
    return (await this.db.teams.findById(teamId))?.personal ?? null;
  }

  async invitations(teamId: string): Promise<TeamInvitationModel[]> {
    return (await this.db.teams.invitationsOfTeam(teamId)).map(({ email, role, createdAt }) => ({ email, role, createdAt }));
  }

  /** An existing user joins now; any other email is invited and joins when it signs up. */
  async addMember(principal: Principal | null, teamId: string, rawEmail: string, role: TeamRole): Promise<TeamMemberModel> {
    await this.policy.grant(principal, teamId, 'manageMembers', role);
    const email = validateEmail(rawEmail);
    const callerRole = (await this.policy.roleIn(this.policy.principal(principal), teamId))!;
    const user = await this.db.users.findByEmail(email);
    if (!user) {
      await this.db.teams.invite(teamId, email, role);
      return { user: { id: `invited:${email}`, email, name: null, platformAdmin: false, createdAt: new Date() }, role };
    }
    const current = await this.db.teams.roleOf(teamId, user.id);
    if (current && !mayGrant(callerRole, current)) throw new DomainError('FORBIDDEN', `A ${callerRole} cannot change the role of a ${current}.`);
    await this.db.teams.setMember(teamId, user.id, role);
    return { user: toUserModel(user), role };
  }

  async removeMember(principal: Principal | null, teamId: string, userId: string): Promise<boolean> {
    const callerRole = await this.policy.team(principal, teamId, 'manageMembers');
    const current = /^[0-9a-f-]{36}$/i.test(userId) ? await this.db.teams.roleOf(teamId, userId) : null;
    if (!current) throw notFound('Member', userId);
    if (!mayGrant(callerRole, current)) throw new DomainError('FORBIDDEN', `A ${callerRole} cannot remove a ${current}.`);
    return this.db.transaction(async (tx) => {
      const owners = (await tx.teams.members(teamId)).filter((m) => m.role === 'OWNER');
      if (current === 'OWNER' && owners.length <= 1) throw new DomainError('CONFLICT', 'A team keeps at least one owner; make someone else OWNER first.');
      return tx.teams.removeMember(teamId, userId);
    });
  }
}
