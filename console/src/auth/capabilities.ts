// What the console offers to each team role. It mirrors the gateway's policy
// (services/gateway/src/policy/rules.ts) so that screens a role may not use are not shown; the
// server remains the authority and refuses them anyway. The one place the console compares roles.
import type { TeamRole } from '../gql/graphql';

export type Capability =
  /** Create, change, deploy, roll back, cancel, delete apps; env vars, schedules, uploads; the
   *  app's webhook (enable, disable, deliveries) and previews; browse a forge's repositories. */
  | 'deploy'
  /** Add and remove members, invite, see invitations. */
  | 'manageMembers'
  /** Create, list and revoke API tokens. */
  | 'manageTokens'
  /** Read the team's audit log. */
  | 'readAudit'
  /** Connect and disconnect the team's forges (their credentials act for the whole team). */
  | 'manageForges'
  /** Add, list and delete the team's notification channels and read their deliveries (a Slack or
   *  Discord URL is itself a credential). */
  | 'manageNotifications';

const RANK: Record<TeamRole, number> = { VIEWER: 0, DEVELOPER: 1, ADMIN: 2, OWNER: 3 };

const LEAST_ROLE: Record<Capability, TeamRole> = {
  deploy: 'DEVELOPER',
  manageMembers: 'ADMIN',
  manageTokens: 'ADMIN',
  readAudit: 'ADMIN',
  manageForges: 'ADMIN',
  manageNotifications: 'ADMIN',
};

export const TEAM_ROLES: TeamRole[] = ['OWNER', 'ADMIN', 'DEVELOPER', 'VIEWER'];

/** No role (not loaded yet, or not in the team): nothing is offered. */
export function can(role: TeamRole | null | undefined, capability: Capability): boolean {
  return !!role && RANK[role] >= RANK[LEAST_ROLE[capability]];
}

/** The roles a member or a token may be given by someone of `role` (never above their own). */
export function grantableRoles(role: TeamRole | null | undefined): TeamRole[] {
  return role ? TEAM_ROLES.filter((r) => RANK[r] <= RANK[role]) : [];
}
