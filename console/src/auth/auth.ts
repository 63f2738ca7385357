// The credentials of this browser, kept fresh: a user's access token is refreshed a minute
// before it expires and when the API answers 401; other tabs' refreshes and sign-outs are
// picked up. Screens read it through useCredentials; the API client asks it for the bearer.
import { useSyncExternalStore } from 'react';
import { bearerOf, credentialStore, type Credentials } from './credentials';
import { expiresSoon, REFRESH_MARGIN_MS, refreshSession, signOutSession } from './session-refresh';

export class Auth {
  private creds: Credentials | null = credentialStore.load();
  private readonly listeners = new Set<() => void>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    credentialStore.onOtherTab(() => this.set(credentialStore.load()));
    this.schedule();
  }

  get = (): Credentials | null => this.creds;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  signedIn(c: Credentials): void {
    credentialStore.clear();
    credentialStore.save(c);
    this.set(c);
  }

  /** Forgets the credentials here at once, and ends a user's session on the server. */
  async signOut(): Promise<void> {
    const c = this.creds;
    credentialStore.clear();
    this.set(null);
    if (c?.kind === 'session') await signOutSession(c);
  }

  /** The bearer to send now (refreshed first when about to expire); null when signed out. */
  async bearer(): Promise<string | null> {
    const c = this.creds;
    if (c?.kind === 'session' && expiresSoon(c)) await this.refresh(c.accessToken);
    return this.creds ? bearerOf(this.creds) : null;
  }

  /** After `stale` was refused: true when there is a new access token to try. The admin token has no refresh. */
  async refresh(stale: string): Promise<boolean> {
    if (this.creds?.kind !== 'session') return false;
    try {
      const next = await refreshSession(stale);
      this.set(next);
      return !!next;
    } catch {
      // the gateway is unreachable: keep the session, the next request or the timer tries again
      return false;
    }
  }

  private set(c: Credentials | null): void {
    const before = this.creds ? bearerOf(this.creds) : null;
    this.creds = c;
    this.schedule();
    if ((c ? bearerOf(c) : null) !== before) this.listeners.forEach((l) => l());
  }

  private schedule(): void {
    clearTimeout(this.timer);
    const c = this.creds;
    if (c?.kind !== 'session') return;
    const inMs = Math.max(1_000, Date.parse(c.expiresAt) - Date.now() - REFRESH_MARGIN_MS);
    this.timer = setTimeout(() => void this.refresh(c.accessToken), Math.min(inMs, 2 ** 31 - 1));
  }
}

export function useCredentials(auth: Auth): Credentials | null {
  return useSyncExternalStore(auth.subscribe, auth.get);
}

/** Who is signed in, ignoring token rotation: the API client is made once per identity. */
export const identityOf = (c: Credentials | null): string | null => (c ? (c.kind === 'admin' ? 'admin' : `user:${c.user.id}`) : null);

export const isPlatformAdmin = (c: Credentials | null): boolean => !!c && (c.kind === 'admin' || c.user.platformAdmin);
