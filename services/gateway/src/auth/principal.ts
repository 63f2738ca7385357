// The single place where a presented credential becomes a principal (the caller's identity in
// the GraphQL context). Today only the admin token exists; users, teams and API tokens (issue 11)
// are resolved here too, so every transport keeps sharing one decision.
import { isAdminToken } from './admin-token.js';

export interface Principal {
  kind: 'admin';
  id: 'admin';
}

const ADMIN: Principal = Object.freeze({ kind: 'admin', id: 'admin' });

/** `Bearer <token>` (scheme case-insensitive) → its principal; anything else → null. */
export function resolvePrincipal(authorization: unknown, adminToken: string): Principal | null {
  if (typeof authorization !== 'string') return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!match) return null;
  return isAdminToken(match[1], adminToken) ? ADMIN : null;
}

/** The credential of a graphql-ws connection_init payload: `{ authorization }` (or inside `headers`). */
export function credentialOfConnectionPayload(payload: unknown): unknown {
  if (!payload || typeof payload !== 'object') return undefined;
  const p = payload as Record<string, unknown>;
  const headers = p.headers && typeof p.headers === 'object' ? (p.headers as Record<string, unknown>) : {};
  return p.authorization ?? p.Authorization ?? headers.authorization ?? headers.Authorization;
}
