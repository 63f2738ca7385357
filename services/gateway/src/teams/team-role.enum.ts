import { registerEnumType } from '@nestjs/graphql';
import type { TeamRole } from '../auth/principal.js';

export const TeamRoleEnum: Record<TeamRole, TeamRole> = { OWNER: 'OWNER', ADMIN: 'ADMIN', DEVELOPER: 'DEVELOPER', VIEWER: 'VIEWER' };
registerEnumType(TeamRoleEnum, {
  name: 'TeamRole',
  valuesMap: {
    OWNER: { description: 'Everything, including deleting the team and changing roles.' },
    ADMIN: { description: 'Everything but deleting the team and changing owners.' },
    DEVELOPER: { description: 'Create, deploy, roll back, edit env vars and schedules; no members, tokens or plan.' },
    VIEWER: { description: 'Read only; secret values stay hidden as for everyone.' },
  },
});
