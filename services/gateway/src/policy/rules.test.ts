import { describe, expect, it } from 'vitest';
import { allows, mayGrant, TEAM_ROLES, type Action } from './rules.js';

describe('policy rules', () => {
  it('grants each role exactly the actions the contract lists for it', () => {
    const table: Record<string, Action[]> = {
      OWNER: ['read', 'deploy', 'manageMembers', 'manageTokens', 'readAudit', 'manageForges', 'manageNotifications', 'own'],
      ADMIN: ['read', 'deploy', 'manageMembers', 'manageTokens', 'readAudit', 'manageForges', 'manageNotifications'],
      DEVELOPER: ['read', 'deploy'],
      VIEWER: ['read'],
    };
    const actions: Action[] = ['read', 'deploy', 'manageMembers', 'manageTokens', 'readAudit', 'manageForges', 'manageNotifications', 'own'];
    for (const role of TEAM_ROLES)
      for (const action of actions) expect([role, action, allows(role, action)]).toEqual([role, action, table[role].includes(action)]);
  });

  it('never lets a role hand out a role above its own', () => {
    expect(mayGrant('ADMIN', 'OWNER')).toBe(false);
    expect(mayGrant('DEVELOPER', 'ADMIN')).toBe(false);
    expect(mayGrant('VIEWER', 'DEVELOPER')).toBe(false);
    expect(mayGrant('ADMIN', 'ADMIN')).toBe(true);
    expect(mayGrant('OWNER', 'OWNER')).toBe(true);
  });
});
