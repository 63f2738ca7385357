// Applies the rules of rules.ts to a principal: every resolver asks here before it reads or
// changes anything of a team. What belongs to a team the caller is not in is NOT_FOUND (its
// existence is not revealed); a role too low for the action is FORBIDDEN.
import { Inject, Injectable } from '@nestjs/common';
import { Database, OPERATOR_TEAM_ID } from '@paas/db';
import type { Principal, TeamRole } from '../auth/principal.js';
import { unauthenticated } from '../auth/gate-error.js';
import { DomainError, notFound } from '../common/domain-error.js';
import { allows, mayGrant, type Action } from './rules.js';
import { isUuid } from '../common/ids.js';

@Injectable()
export class PolicyService {
  constructor(@Inject(Database) private readonly db: Database) {}

  /** The caller of an operation that needs one (the gate lets only sign-in and the like through without). */
  principal(p: Principal | null | undefined): Principal {
    if (!p) throw unauthenticated();
    return p;
  }

  /** Operations on the caller's own account (its forge identities): a signed-in user's id; others FORBIDDEN. */
  user(p: Principal | null | undefined): string {
    const caller = this.principal(p);
    if (caller.kind !== 'user')
      throw new DomainError('FORBIDDEN', "Only a signed-in user has an account to change (not the admin token, not a team's API token).");
    return caller.userId;
  }

  /** Platform admins see and manage every team, as OWNER. */
  isPlatformAdmin(p: Principal): boolean {
    return p.kind === 'admin' || (p.kind === 'user' && p.platformAdmin);
  }

  /** Only platform admins (setTeamPlan): a team the caller is not in is NOT_FOUND, one it is in FORBIDDEN. */
  async platformAdmin(p: Principal | null | undefined, teamId: string): Promise<void> {
    const caller = this.principal(p);
    if (this.isPlatformAdmin(caller)) return;
    if (!(await this.roleIn(caller, teamId))) throw notFound('Team', teamId);
    throw new DomainError('FORBIDDEN', 'Only platform admins may do this.');
  }

  /** What concerns the whole platform (the admin overview): only platform admins; everyone else FORBIDDEN (no team's existence is revealed). */
  platformOnly(p: Principal | null | undefined): void {
    if (!this.isPlatformAdmin(this.principal(p))) throw new DomainError('FORBIDDEN', 'Only platform admins may see the platform overview or change it.');
  }

  /** The caller's role in a team; null when it is not in it. */
  async roleIn(p: Principal, teamId: string): Promise<TeamRole | null> {
    if (!isUuid(teamId)) return null;
    if (this.isPlatformAdmin(p)) return (await this.db.teams.findById(teamId)) ? 'OWNER' : null;
    // looked up again: a WebSocket keeps its principal, and a revoked or expired token must stop there too
    if (p.kind === 'token') return p.teamId === teamId && (await this.tokenLive(p.tokenId)) ? p.role : null;
    if (p.kind === 'user') return this.db.teams.roleOf(teamId, p.userId);
    return null;
  }

  private async tokenLive(id: string): Promise<boolean> {
    const t = await this.db.apiTokens.findById(id);
    return !!t && !t.revokedAt && (!t.expiresAt || t.expiresAt > new Date());
  }

  /** The caller's role in the team, when the action is allowed there; NOT_FOUND / FORBIDDEN otherwise. */
  async team(p: Principal | null | undefined, teamId: string, action: Action): Promise<TeamRole> {
    const role = await this.roleIn(this.principal(p), teamId);
    if (!role) throw notFound('Team', teamId);
    if (!allows(role, action)) throw forbidden(role, action);
    return role;
  }

  async app(p: Principal | null | undefined, appId: string, action: Action): Promise<void> {
    const teamId = isUuid(appId) ? await this.db.teams.teamOfApp(appId) : null;
    const role = teamId ? await this.roleIn(this.principal(p), teamId) : null;
    if (!role) throw notFound('App', appId);
    if (!allows(role, action)) throw forbidden(role, action);
  }

  async deployment(p: Principal | null | undefined, deploymentId: string, action: Action): Promise<void> {
    const d = isUuid(deploymentId) ? await this.db.deployments.find(deploymentId) : null;
    if (!d) throw notFound('Deployment', deploymentId);
    await this.app(p, d.appId, action).catch((e: unknown) => {
      throw e instanceof DomainError && e.code === 'NOT_FOUND' ? notFound('Deployment', deploymentId) : e;
    });
  }

  async schedule(p: Principal | null | undefined, scheduleId: string, action: Action): Promise<void> {
    const s = isUuid(scheduleId) ? await this.db.schedules.find(scheduleId) : null;
    if (!s) throw notFound('Schedule', scheduleId);
    await this.app(p, s.appId, action).catch((e: unknown) => {
      throw e instanceof DomainError && e.code === 'NOT_FOUND' ? notFound('Schedule', scheduleId) : e;
    });
  }

  /** Whether a check passes, for streams that re-check before each event: a refusal is false, a fault still throws. */
  async allowed(check: () => Promise<void>): Promise<boolean> {
    try {
      await check();
      return true;
    } catch (e) {
      if (e instanceof DomainError && (e.code === 'NOT_FOUND' || e.code === 'FORBIDDEN')) return false;
      throw e;
    }
  }

  /** Hands out `role` (to a member or a token) in a team where the caller may do `action`. */
  async grant(p: Principal | null | undefined, teamId: string, action: Action, role: TeamRole): Promise<void> {
    const own = await this.team(p, teamId, action);
    if (!mayGrant(own, role)) throw new DomainError('FORBIDDEN', `A ${own} cannot give the role ${role}: it is above its own.`);
  }

  /** The teams whose things the caller sees; null: all of them. */
  async visibleTeamIds(p: Principal | null | undefined): Promise<Set<string> | null> {
    const caller = this.principal(p);
    if (this.isPlatformAdmin(caller)) return null;
    if (caller.kind === 'token') return new Set([caller.teamId]);
    if (caller.kind === 'user') return new Set((await this.db.teams.ofUser(caller.userId)).map((m) => m.team.id));
    return new Set();
  }

  /** Where a new app goes when no team is named: the admin token's operator team, a token's team, a user's personal team. */
  async defaultTeam(p: Principal | null | undefined): Promise<string> {
    const caller = this.principal(p);
    if (caller.kind === 'admin') return OPERATOR_TEAM_ID;
    if (caller.kind === 'token') return caller.teamId;
    const mine = await this.db.teams.ofUser(caller.userId);
    const personal = mine.find((m) => m.team.personal && m.role === 'OWNER') ?? mine[0];
    if (!personal) throw new DomainError('BAD_USER_INPUT', 'You are in no team; name one with teamId.');
    return personal.team.id;
  }
}

function forbidden(role: TeamRole, action: Action): DomainError {
  const what: Record<Action, string> = {
    read: 'read this',
    deploy: 'create, change or deploy apps',
    manageMembers: 'manage members',
    manageTokens: 'manage API tokens',
    readAudit: "read the team's audit log",
    manageForges: "connect or disconnect the team's forges",
    manageNotifications: "manage the team's notification channels",
    own: 'do what only an owner may',
  };
  return new DomainError('FORBIDDEN', `Your role ${role} may not ${what[action]} in this team.`);
}
