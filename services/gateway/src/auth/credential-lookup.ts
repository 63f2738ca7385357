// The database side of resolvePrincipal: API tokens by their hash, access tokens by signature,
// by their session (refresh token family) not being revoked and by their user still existing.
import type { Database } from '@paas/db';
import type { CredentialLookup, Principal } from './principal.js';
import { hashOpaqueToken, type SessionTokens } from './session-tokens.js';
import { isUuid } from '../common/ids.js';

export function credentialLookup(db: Database, sessions: SessionTokens): CredentialLookup {
  return {
    async apiToken(token) {
      const row = await db.apiTokens.use(hashOpaqueToken(token));
      return row ? { kind: 'token', tokenId: row.id, teamId: row.teamId, role: row.role } : null;
    },
    async accessToken(token): Promise<Principal | null> {
      const claims = await sessions.verify(token);
      if (!claims || !isUuid(claims.userId) || !isUuid(claims.sessionId)) return null;
      if (!(await db.users.sessionLive(claims.userId, claims.sessionId))) return null;
      const user = await db.users.findById(claims.userId);
      return user ? { kind: 'user', userId: user.id, platformAdmin: user.platformAdmin } : null;
    },
  };
}
