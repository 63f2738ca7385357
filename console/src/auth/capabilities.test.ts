import { describe, expect, it } from 'vitest';
import { can, grantableRoles, TEAM_ROLES, type Capability } from './capabilities';

describe('console capabilities by role (mirrors the gateway policy)', () => {
  it('offers each role exactly what the policy allows it', () => {
    const table: Record<string, Capability[]> = {
      OWNER: ['deploy', 'manageMembers', 'manageTokens', 'readAudit', 'manageForges', 'manageNotifications'],
      ADMIN: ['deploy', 'manageMembers', 'manageTokens', 'readAudit', 'manageForges', 'manageNotifications'],
      DEVELOPER: ['deploy'],
      VIEWER: [],
    };
    const all: Capability[] = ['deploy', 'manageMembers', 'manageTokens', 'readAudit', 'manageForges', 'manageNotifications'];
    for (const role of TEAM_ROLES) for (const c of all) expect([role, c, can(role, c)]).toEqual([role, c, table[role]!.includes(c)]);
  });

  it('offers nothing without a role, and never a role above the caller’s own', () => {
    expect(can(null, 'deploy')).toBe(false);
    expect(can(undefined, 'manageTokens')).toBe(false);
    expect(can('NOT_A_ROLE' as never, 'deploy')).toBe(false);
    expect(grantableRoles('ADMIN')).toEqual(['ADMIN', 'DEVELOPER', 'VIEWER']);
    expect(grantableRoles('VIEWER')).toEqual(['VIEWER']);
    expect(grantableRoles(null)).toEqual([]);
  });
});
