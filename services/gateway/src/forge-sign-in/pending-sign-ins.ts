// Sign-ins between the redirect to the provider and the browser's return, and the hand-off of a
// finished one to the console. Both live in the gateway's memory, bounded in number and time
// (a gateway restart only means starting the sign-in again), and both are single-use.
import { LRUCache } from 'lru-cache';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AuthorizationChecks } from './forge-oauth-client.js';
import type { ForgeProviderId } from './forge-providers.js';

export interface PendingAuthorization {
  providerId: ForgeProviderId;
  checks: AuthorizationChecks;
  /** sha256 of the cookie set on the browser that started it: the callback must come back to that browser. */
  browserBindingHash: Buffer;
  /** Set when a signed-in user links the identity to their account instead of signing in. */
  linkUserId: string | null;
}

export const AUTHORIZATION_TTL_MS = 10 * 60_000;
export const HANDOFF_TTL_MS = 60_000;
const MAX_PENDING = 10_000;

const sha256 = (s: string) => createHash('sha256').update(s).digest();

export class PendingSignIns {
  private readonly authorizations = new LRUCache<string, PendingAuthorization>({ max: MAX_PENDING, ttl: AUTHORIZATION_TTL_MS });
  private readonly handoffs = new LRUCache<string, string>({ max: MAX_PENDING, ttl: HANDOFF_TTL_MS });

  /** Remembers an authorization request by its state; returns the browser binding to set as a cookie. */
  begin(pending: Omit<PendingAuthorization, 'browserBindingHash'>): string {
    const binding = randomBytes(32).toString('base64url');
    this.authorizations.set(pending.checks.state, { ...pending, browserBindingHash: sha256(binding) });
    return binding;
  }

  /** The authorization request this state belongs to, once; null when unknown, expired or used. */
  take(state: string | null): PendingAuthorization | null {
    if (!state || state.length > 200) return null;
    const pending = this.authorizations.get(state) ?? null;
    this.authorizations.delete(state);
    return pending;
  }

  static boundTo(pending: PendingAuthorization, cookie: string | undefined): boolean {
    return typeof cookie === 'string' && cookie.length <= 200 && timingSafeEqual(sha256(cookie), pending.browserBindingHash);
  }

  /** A one-time code the console trades for the user's session (tokens never travel in a URL). */
  handOff(userId: string): string {
    const code = randomBytes(32).toString('base64url');
    this.handoffs.set(sha256(code).toString('hex'), userId);
    return code;
  }

  /** The user a hand-off code was for, once; null when unknown, expired or used. */
  redeem(code: unknown): string | null {
    if (typeof code !== 'string' || code.length > 200) return null;
    const key = sha256(code).toString('hex');
    const userId = this.handoffs.get(key) ?? null;
    this.handoffs.delete(key);
    return userId;
  }
}
