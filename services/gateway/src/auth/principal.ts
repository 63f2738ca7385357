// The single place where a presented credential becomes a principal (the caller's identity in
// the GraphQL context): the bootstrap admin token, a session's access token (JWT), or a team API
// token. Every transport (HTTP, WebSocket) shares this one decision.
import { isAdminToken } from './admin-token.js';

export type TeamRole = 'OWNER' | 'ADMIN' | 'DEVELOPER' | 'VIEWER';

export type Principal =
  /** The bootstrap admin token: a platform admin whose own team is the operator's. */
  | { kind: 'admin' }
  /** A signed-in user (a session's access token). */
  | { kind: 'user'; userId: string; platformAdmin: boolean }
  /** A team API token: its team only, with its role. */
  | { kind: 'token'; tokenId: string; teamId: string; role: TeamRole };

/** Turns the credentials that are not the admin token into principals; null when they do not hold. */
export interface CredentialLookup {
  /** `paas_tok_…`: a team API token. */
  apiToken(token: string): Promise<Principal | null>;
  /** Anything else: a session's access token. */
  accessToken(token: string): Promise<Principal | null>;
}

export const API_TOKEN_PREFIX = 'paas_tok_';
const ADMIN: Principal = Object.freeze({ kind: 'admin' });

/** `Bearer <token>` (scheme case-insensitive) → its principal; anything else → null. */
export async function resolvePrincipal(authorization: unknown, adminToken: string, lookup?: CredentialLookup): Promise<Principal | null> {
  if (typeof authorization !== 'string') return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!match) return null;
  const token = match[1];
  if (isAdminToken(token, adminToken)) return ADMIN;
  if (!lookup || token.length > 4096) return null;
  return token.startsWith(API_TOKEN_PREFIX) ? lookup.apiToken(token) : lookup.accessToken(token);
}

/** The credential of a graphql-ws connection_init payload: `{ authorization }` (or inside `headers`). */
export function credentialOfConnectionPayload(payload: unknown): unknown {
  if (!payload || typeof payload !== 'object') return undefined;
  const p = payload as Record<string, unknown>;
  const headers = p.headers && typeof p.headers === 'object' ? (p.headers as Record<string, unknown>) : {};
  return p.authorization ?? p.Authorization ?? headers.authorization ?? headers.Authorization;
}
