// Who may do what, by role: the one table of the platform's authorization. Nothing else compares
// roles; the policy service applies these rules to a principal and a team.
import type { TeamRole } from '../auth/principal.js';

export type Action =
  /** See the team, its apps, deployments, logs, members (secret values stay hidden for everyone). */
  | 'read'
  /** Create, change, deploy, roll back, cancel, delete apps; env vars, schedules, uploads. */
  | 'deploy'
  /** Add and remove members, invite. */
  | 'manageMembers'
  /** Create and revoke API tokens. */
  | 'manageTokens'
  /** Read the team's audit log. */
  | 'readAudit'
  /** Connect and disconnect the team's forges (their tokens act for the whole team). */
  | 'manageForges'
  /** Create, list and delete the team's notification channels (their URLs may be credentials). */
  | 'manageNotifications'
  /** Delete the team, change owners. */
  | 'own';

const RANK: Record<TeamRole, number> = { VIEWER: 0, DEVELOPER: 1, ADMIN: 2, OWNER: 3 };

const LEAST_ROLE: Record<Action, TeamRole> = {
  read: 'VIEWER',
  deploy: 'DEVELOPER',
  manageMembers: 'ADMIN',
  manageTokens: 'ADMIN',
  readAudit: 'ADMIN',
  manageForges: 'ADMIN',
  manageNotifications: 'ADMIN',
  own: 'OWNER',
};

export function allows(role: TeamRole, action: Action): boolean {
  return RANK[role] >= RANK[LEAST_ROLE[action]];
}

/** A role may hand out (to a member or a token) or take away only roles up to its own; OWNER only by an OWNER. */
export function mayGrant(callerRole: TeamRole, role: TeamRole): boolean {
  return RANK[role] <= RANK[callerRole];
}

export const TEAM_ROLES: readonly TeamRole[] = ['OWNER', 'ADMIN', 'DEVELOPER', 'VIEWER'];
