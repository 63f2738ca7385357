// Sign-in with a forge (Gitea, GitHub, GitLab, OIDC): the console's whole side of it.
//  1. GET /auth/providers lists the forges (none when the gateway has no such endpoint yet).
//  2. "Sign in with <name>" is a full page navigation to /auth/forge/<id>/start; the gateway
//     does the OAuth2 round trip and sends the browser back to
//     #/auth/forge/done/<handoff> or #/auth/forge/error/<url-encoded message>.
//  3. On done, the one-time handoff is exchanged (POST /auth/forge/exchange) for a Session.
import { toSession, type UserSession } from './credentials';

export interface ForgeProvider {
  id: string;
  name: string;
}

/** The forges the gateway offers; an empty list when it offers none or cannot say. */
export async function fetchForgeProviders(): Promise<ForgeProvider[]> {
  try {
    const res = await fetch('/auth/providers', { headers: { accept: 'application/json' } });
    if (!res.ok) return [];
    const body = (await res.json()) as { providers?: unknown };
    if (!Array.isArray(body.providers)) return [];
    return body.providers.filter(
      (p): p is ForgeProvider =>
        typeof (p as ForgeProvider)?.id === 'string' && typeof (p as ForgeProvider)?.name === 'string' && /^[\w.-]+$/.test((p as ForgeProvider).id),
    );
  } catch {
    return [];
  }
}

export const forgeStartUrl = (id: string): string => `/auth/forge/${encodeURIComponent(id)}/start`;

export type ForgeReturn = { kind: 'done'; handoff: string } | { kind: 'error'; message: string } | { kind: 'linked'; provider: string };

/** What the gateway's redirect back says, from the hash route's parts after "auth/forge". */
export function parseForgeReturn(parts: string[]): ForgeReturn | null {
  if (parts[0] === 'done' && parts[1]) return { kind: 'done', handoff: parts[1] };
  if (parts[0] === 'linked' && parts[1] && /^[\w.-]+$/.test(parts[1])) return { kind: 'linked', provider: parts[1] };
  if (parts[0] === 'error') return { kind: 'error', message: (parts[1] ?? '').slice(0, 500) || 'The forge sign-in did not complete.' };
  return null;
}

/** Starts linking a forge to the signed-in account: the provider's page to go to, or why not. */
export async function startForgeLink(id: string, bearer: string): Promise<{ url: string } | { error: string }> {
  try {
    const res = await fetch(`/auth/forge/${encodeURIComponent(id)}/link`, { method: 'POST', headers: { authorization: `Bearer ${bearer}` } });
    const body = (await res.json().catch(() => ({}))) as { url?: unknown; error?: unknown };
    if (res.ok && typeof body.url === 'string' && /^https?:\/\//.test(body.url)) return { url: body.url };
    return { error: typeof body.error === 'string' && body.error ? body.error : `Linking was refused (HTTP ${res.status}).` };
  } catch {
    return { error: 'The gateway cannot be reached; is the platform running?' };
  }
}

/** The session for a handoff, or the reason there is none (in words). */
export async function exchangeForgeHandoff(handoff: string): Promise<UserSession | { error: string }> {
  try {
    const res = await fetch('/auth/forge/exchange', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ handoff }),
    });
    const body = (await res.json().catch(() => ({}))) as { error?: unknown };
    if (res.ok) return toSession(body) ?? { error: 'The gateway answered the sign-in with something that is not a session.' };
    return { error: typeof body.error === 'string' && body.error ? body.error : `The forge sign-in was refused (HTTP ${res.status}).` };
  } catch {
    return { error: 'The gateway cannot be reached; is the platform running?' };
  }
}
