// What a pull-request delivery asks of an app's previews: GitHub's and Gitea/Forgejo's
// `pull_request` events and GitLab's "Merge Request Hook". The body is shaped by whoever holds the
// secret (or by a confused forge): only the few fields read are trusted, each checked for its type,
// and a fork's clone URL must pass the same checks as any app's git URL.
import { MAX_PULL_REQUEST, ValidationError, validateBranch, validateGitUrl } from '@paas/contracts';
import type { Forge } from '@paas/db';

const SHA = /^[0-9a-f]{40}$|^[0-9a-f]{64}$/;
const MAX_SHOWN = 100;

export type PullRequestAction =
  /** Deploy the head: opened, reopened, or pushed to. */
  | { kind: 'preview'; pullRequest: number; sha: string; branch: string; cloneUrl: string; fromFork: boolean }
  /** Closed or merged: the preview goes. */
  | { kind: 'close'; pullRequest: number }
  | { kind: 'ignore'; reason: string }
  | { kind: 'malformed'; reason: string };

type Json = Record<string, unknown>;

const OPENED = ['opened', 'reopened', 'synchronize', 'synchronized'];
const GITLAB_OPENED = ['open', 'reopen', 'update'];
const GITLAB_CLOSED = ['close', 'merge'];

/** GitHub and Gitea call it pull_request, GitLab "Merge Request Hook". */
export function isPullRequestEvent(event: string): boolean {
  const e = event.trim().toLowerCase();
  return e === 'pull_request' || e === 'merge request hook';
}

const shown = (s: string) => (s.length > MAX_SHOWN ? `${s.slice(0, MAX_SHOWN)}…` : s);
const obj = (v: unknown): Json | null => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : null);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isSafeInteger(v) ? v : null);

/** What a pull-request delivery means for an app that deploys `branch`. */
export function pullRequestAction(forge: Forge, payload: Json | null, branch: string): PullRequestAction {
  if (!payload) return { kind: 'malformed', reason: 'the body is not a JSON object' };
  return forge === 'GITLAB' ? fromGitlab(payload, branch) : fromGithubOrGitea(payload, branch);
}

function fromGithubOrGitea(payload: Json, branch: string): PullRequestAction {
  const action = str(payload.action);
  const pr = obj(payload.pull_request);
  if (action === null || !pr) return { kind: 'malformed', reason: 'the event has no action or pull_request' };
  const n = pullRequestNumber(num(payload.number) ?? num(pr.number));
  if (typeof n === 'string') return { kind: 'malformed', reason: n };
  const base = obj(pr.base);
  const baseRef = str(base?.ref);
  if (baseRef === null) return { kind: 'malformed', reason: 'the pull request has no base ref' };
  if (action === 'closed') return { kind: 'close', pullRequest: n };
  if (!OPENED.includes(action)) return { kind: 'ignore', reason: `pull request #${n} ${shown(action)}` };
  if (baseRef !== branch) return { kind: 'ignore', reason: `pull request #${n} against ${shown(baseRef)}` };
  const head = obj(pr.head);
  const headRepo = obj(head?.repo);
  if (!headRepo) return { kind: 'ignore', reason: `pull request #${n}: its head repository is gone` };
  const baseRepo = obj(base?.repo);
  const sameRepo = sameRepository(headRepo, baseRepo);
  return headAction(n, str(head?.sha), str(head?.ref), str(headRepo.clone_url), !sameRepo);
}

function fromGitlab(payload: Json, branch: string): PullRequestAction {
  const attrs = obj(payload.object_attributes);
  if (str(payload.object_kind) !== 'merge_request' || !attrs) return { kind: 'malformed', reason: 'the event is not a merge request' };
  const n = pullRequestNumber(num(attrs.iid));
  if (typeof n === 'string') return { kind: 'malformed', reason: n };
  const action = str(attrs.action);
  const target = str(attrs.target_branch);
  if (action === null || target === null) return { kind: 'malformed', reason: 'the merge request has no action or target branch' };
  if (GITLAB_CLOSED.includes(action)) return { kind: 'close', pullRequest: n };
  if (!GITLAB_OPENED.includes(action)) return { kind: 'ignore', reason: `merge request !${n} ${shown(action)}` };
  if (target !== branch) return { kind: 'ignore', reason: `merge request !${n} against ${shown(target)}` };
  const sourceId = num(attrs.source_project_id);
  const fromFork = sourceId === null || sourceId !== num(attrs.target_project_id);
  return headAction(n, str(obj(attrs.last_commit)?.id), str(attrs.source_branch), str(obj(attrs.source)?.git_http_url), fromFork);
}

function headAction(n: number, sha: string | null, ref: string | null, cloneUrl: string | null, fromFork: boolean): PullRequestAction {
  if (sha === null || ref === null || cloneUrl === null) return { kind: 'malformed', reason: 'the head has no sha, ref or clone URL' };
  const headSha = sha.toLowerCase();
  if (!SHA.test(headSha)) return { kind: 'malformed', reason: 'the head sha is not a full commit sha' };
  try {
    return { kind: 'preview', pullRequest: n, sha: headSha, branch: validateBranch(ref), cloneUrl: validateGitUrl(cloneUrl), fromFork };
  } catch (err) {
    if (err instanceof ValidationError) return { kind: 'malformed', reason: err.message };
    throw err;
  }
}

/** By the forge's repository id; by full name when there is no id. Unknown: treated as a fork (no secrets). */
function sameRepository(head: Json, base: Json | null): boolean {
  if (!base) return false;
  const [hi, bi] = [num(head.id), num(base.id)];
  if (hi !== null && bi !== null) return hi === bi;
  const [hn, bn] = [str(head.full_name), str(base.full_name)];
  return hn !== null && hn === bn;
}

function pullRequestNumber(n: number | null): number | string {
  return n !== null && n > 0 && n <= MAX_PULL_REQUEST ? n : 'the pull request number is not a positive integer';
}
