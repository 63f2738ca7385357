// Who the console speaks as: the admin token, or a user's session (access + refresh token).
//
// Storage decision: a user's session lives in localStorage, so a reload, a new tab or a browser
// restart keeps you signed in (the refresh token lives for days, the access token minutes). The
// tabs of one browser then share one refresh-token chain, and refreshes are serialized across
// tabs (session-refresh.ts), because refreshSession is single-use: a token sent twice would end
// the whole session. sessionStorage would not avoid that (a duplicated tab copies it) and would
// sign you out on every new tab. The admin token stays in sessionStorage as before: it never
// expires, so it should not outlive the tab.
export interface SessionUser {
  id: string;
  email: string;
  name?: string | null;
  platformAdmin: boolean;
}

export interface UserSession {
  kind: 'session';
  accessToken: string;
  refreshToken: string;
  /** ISO time the access token expires. */
  expiresAt: string;
  user: SessionUser;
}

export type Credentials = { kind: 'admin'; token: string } | UserSession;

const ADMIN_KEY = 'paas.token';
const SESSION_KEY = 'paas.session';

function isSession(v: unknown): v is UserSession {
  const s = v as UserSession | null;
  return !!s && typeof s.accessToken === 'string' && typeof s.refreshToken === 'string' && typeof s.expiresAt === 'string' && typeof s.user?.email === 'string';
}

/** The Session JSON of the API (signIn, signUp, refreshSession, the forge exchange) as stored credentials; null when malformed. */
export function toSession(v: unknown): UserSession | null {
  const s = v as Omit<UserSession, 'kind'> | null;
  const candidate = s && { kind: 'session' as const, accessToken: s.accessToken, refreshToken: s.refreshToken, expiresAt: s.expiresAt, user: s.user };
  return isSession(candidate) ? candidate : null;
}

export const credentialStore = {
  load(): Credentials | null {
    const admin = sessionStorage.getItem(ADMIN_KEY);
    if (admin) return { kind: 'admin', token: admin };
    return this.loadSession();
  },
  loadSession(): UserSession | null {
    try {
      const parsed: unknown = JSON.parse(localStorage.getItem(SESSION_KEY) ?? 'null');
      return isSession(parsed) ? { ...parsed, kind: 'session' } : null;
    } catch {
      return null;
    }
  },
  save(c: Credentials): void {
    if (c.kind === 'admin') sessionStorage.setItem(ADMIN_KEY, c.token);
    else localStorage.setItem(SESSION_KEY, JSON.stringify(c));
  },
  clear(): void {
    sessionStorage.removeItem(ADMIN_KEY);
    localStorage.removeItem(SESSION_KEY);
  },
  /** Another tab signed in, refreshed or signed out. */
  onOtherTab(listener: () => void): () => void {
    const on = (e: StorageEvent) => {
      if (e.key === SESSION_KEY || e.key === null) listener();
    };
    window.addEventListener('storage', on);
    return () => window.removeEventListener('storage', on);
  },
};

export const bearerOf = (c: Credentials): string => (c.kind === 'admin' ? c.token : c.accessToken);
