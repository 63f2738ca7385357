// What a delivery asks for, read from a body that anyone who knows the secret (or a confused
// forge) could shape: nothing is trusted beyond the few fields read, each checked for its type.
const ZERO_SHA = /^0+$/;
const SHA = /^[0-9a-f]{40}$|^[0-9a-f]{64}$/;
const MAX_SHOWN = 100;

export type WebhookAction = { kind: 'ping' } | { kind: 'deploy'; sha: string } | { kind: 'ignore'; reason: string } | { kind: 'malformed'; reason: string };

/** GitHub/Gitea events, GitLab's "Push Hook" and the like: push, ping, or something else. */
export function eventKind(event: string): 'push' | 'ping' | 'other' {
  const e = event.trim().toLowerCase();
  if (e === 'push' || e === 'push hook') return 'push';
  if (e === 'ping') return 'ping';
  return 'other';
}

/** The JSON body, as JSON or as GitHub's form encoding (payload=<json>); null when it is neither an object nor parseable. */
export function parseBody(body: Buffer, contentType: string | undefined): Record<string, unknown> | null {
  let text = body.toString('utf8');
  if (contentType?.toLowerCase().startsWith('application/x-www-form-urlencoded')) text = new URLSearchParams(text).get('payload') ?? '';
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const shown = (s: string) => (s.length > MAX_SHOWN ? `${s.slice(0, MAX_SHOWN)}…` : s);

/** What a delivery of `event` means for an app that deploys `branch`. */
export function actionFor(event: string, payload: Record<string, unknown> | null, branch: string): WebhookAction {
  const kind = eventKind(event);
  if (kind === 'ping') return { kind: 'ping' };
  if (kind === 'other') return { kind: 'ignore', reason: `event ${shown(event)}` };
  if (!payload) return { kind: 'malformed', reason: 'the body is not a JSON object' };
  const { ref, after, deleted } = payload;
  if (typeof ref !== 'string') return { kind: 'malformed', reason: 'the push has no ref' };
  if (!ref.startsWith('refs/heads/')) return { kind: 'ignore', reason: `ref ${shown(ref)}` };
  const pushed = ref.slice('refs/heads/'.length);
  if (typeof after !== 'string') return { kind: 'malformed', reason: 'the push has no after sha' };
  if (deleted === true || ZERO_SHA.test(after)) return { kind: 'ignore', reason: `branch ${shown(pushed)} deleted` };
  if (pushed !== branch) return { kind: 'ignore', reason: `branch ${shown(pushed)}` };
  const sha = after.toLowerCase();
  if (!SHA.test(sha)) return { kind: 'malformed', reason: 'the after sha is not a full commit sha' };
  return { kind: 'deploy', sha };
}
