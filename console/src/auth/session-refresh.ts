// Refreshing a user's session. refreshSession is single-use and rotating: a refresh token sent
// twice is taken for a stolen one and ends the whole session. So one refresh runs at a time in
// this tab (a shared promise) and across tabs (a Web Lock; they share localStorage), and whoever
// gets the lock first looks again at what is stored: when another tab already rotated the pair,
// it takes that one instead of sending the old refresh token again.
import { credentialStore, toSession, type UserSession } from './credentials';

/** Refresh this long before the access token expires. */
export const REFRESH_MARGIN_MS = 60_000;

const SESSION_FIELDS = 'accessToken refreshToken expiresAt user { id email name platformAdmin }';

let inFlight: Promise<UserSession | null> | null = null;

export type RefreshOutcome = UserSession | null;

/**
 * A fresh session, or null when the session is over (refused or signed out elsewhere).
 * `staleAccessToken`: the access token the caller found wanting (expired, or answered 401).
 * Network failures reject: the session may still be good, so nothing is cleared.
 */
export function refreshSession(staleAccessToken: string): Promise<RefreshOutcome> {
  inFlight ??= withCrossTabLock(() => refreshUnlessDone(staleAccessToken)).finally(() => {
    inFlight = null;
  });
  return inFlight;
}

async function refreshUnlessDone(staleAccessToken: string): Promise<RefreshOutcome> {
  const stored = credentialStore.loadSession();
  if (!stored) return null;
  if (stored.accessToken !== staleAccessToken && !expiresSoon(stored)) return stored;
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: `mutation($r: String!) { refreshSession(refreshToken: $r) { ${SESSION_FIELDS} } }`, variables: { r: stored.refreshToken } }),
  });
  // not a verdict on the session (the gateway is down or busy): keep it, try again later
  if (res.status >= 500 || res.status === 429) throw new Error(`The gateway answered HTTP ${res.status}.`);
  const body = (await res.json().catch(() => ({}))) as { data?: { refreshSession?: unknown } };
  const next = toSession(body.data?.refreshSession);
  // refused (expired, reused, revoked): the session is over; only if nobody replaced it meanwhile
  if (!next) {
    if (credentialStore.loadSession()?.refreshToken === stored.refreshToken) credentialStore.clear();
    return null;
  }
  credentialStore.save(next);
  return next;
}

export function expiresSoon(s: UserSession, now = Date.now()): boolean {
  return Date.parse(s.expiresAt) - now < REFRESH_MARGIN_MS;
}

function withCrossTabLock<T>(work: () => Promise<T>): Promise<T> {
  // Web Locks exist in secure contexts (https, localhost); elsewhere the in-tab promise still holds
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  return locks ? (locks.request('paas.session.refresh', work) as Promise<T>) : work();
}

/** signOut ends the session on the server (its refresh-token family); the caller clears the browser's copy. */
export async function signOutSession(s: UserSession): Promise<void> {
  await fetch('/graphql', {
    method: 'POST',
    // no bearer: signOut is public (the refresh token names the session), and the access token may have expired
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: `mutation($r: String!) { signOut(refreshToken: $r) }`, variables: { r: s.refreshToken } }),
  }).catch(() => undefined);
}

export { SESSION_FIELDS };
