// Pull-request deliveries as the forges send them (trimmed to the fields around those read, with
// their real shapes and names): GitHub's pull_request, Gitea's pull_request (Forgejo's is the same)
// and GitLab's Merge Request Hook.
import { describe, expect, it } from 'vitest';
import { isPullRequestEvent, pullRequestAction } from './pull-request-event.js';

const head = 'a1'.repeat(20);
const repo = (id: number, fullName: string, cloneUrl: string) => ({
  id,
  name: fullName.split('/')[1],
  full_name: fullName,
  clone_url: cloneUrl,
  private: false,
});

/** GitHub (and Gitea, which mirrors it): action, number, pull_request.{head,base}.{ref,sha,repo}. */
function githubLike(action: string, o: { base?: string; fork?: boolean; merged?: boolean } = {}) {
  const base = repo(101, 'acme/shop', 'https://github.com/acme/shop.git');
  const headRepo = o.fork ? repo(202, 'mallory/shop', 'https://github.com/mallory/shop.git') : base;
  return {
    action,
    number: 7,
    pull_request: {
      id: 998877,
      number: 7,
      state: action === 'closed' ? 'closed' : 'open',
      title: 'Add the checkout page',
      merged: o.merged ?? false,
      head: { label: 'acme:feature/checkout', ref: 'feature/checkout', sha: head, repo: headRepo, user: { login: 'dev' } },
      base: { label: 'acme:main', ref: o.base ?? 'main', sha: 'b2'.repeat(20), repo: base },
    },
    repository: base,
    sender: { login: 'dev' },
  };
}

/** Gitea 1.2x: the same field names; `synchronized` for a push; head.repo_id beside head.repo. */
function gitea(action: string, o: { base?: string; fork?: boolean } = {}) {
  const base = { ...repo(3, 'alice/shop', 'http://127.0.0.1:3000/alice/shop.git'), html_url: 'http://127.0.0.1:3000/alice/shop' };
  const headRepo = o.fork ? { ...repo(9, 'bob/shop', 'http://127.0.0.1:3000/bob/shop.git') } : base;
  return {
    action,
    number: 2,
    pull_request: {
      id: 12,
      number: 2,
      state: action === 'closed' ? 'closed' : 'open',
      merged: false,
      head: { label: 'feature', ref: 'feature', sha: head, repo_id: headRepo.id, repo: headRepo },
      base: { label: 'main', ref: o.base ?? 'main', sha: 'c3'.repeat(20), repo_id: 3, repo: base },
      merge_base: 'c3'.repeat(20),
    },
    repository: base,
    sender: { login: 'alice' },
    commit_id: '',
  };
}

/** GitLab: object_kind merge_request, object_attributes.{iid,action,source/target_branch,last_commit,source}. */
function gitlab(action: string, o: { target?: string; fork?: boolean; oldrev?: boolean } = {}) {
  return {
    object_kind: 'merge_request',
    event_type: 'merge_request',
    user: { username: 'dev' },
    project: { id: 15, path_with_namespace: 'acme/shop', git_http_url: 'https://gitlab.example.com/acme/shop.git' },
    object_attributes: {
      id: 99,
      iid: 4,
      action,
      state: action === 'merge' ? 'merged' : action === 'close' ? 'closed' : 'opened',
      source_branch: 'fix-typo',
      target_branch: o.target ?? 'main',
      source_project_id: o.fork ? 16 : 15,
      target_project_id: 15,
      last_commit: { id: head, message: 'Fix a typo', author: { name: 'Dev' } },
      source: { git_http_url: o.fork ? 'https://gitlab.example.com/mallory/shop.git' : 'https://gitlab.example.com/acme/shop.git' },
      target: { git_http_url: 'https://gitlab.example.com/acme/shop.git' },
      ...(o.oldrev ? { oldrev: 'd4'.repeat(20) } : {}),
    },
  };
}

describe('pull-request events', () => {
  it('recognizes the three forges’ event names', () => {
    expect(isPullRequestEvent('pull_request')).toBe(true);
    expect(isPullRequestEvent('Merge Request Hook')).toBe(true);
    expect(isPullRequestEvent('push')).toBe(false);
    expect(isPullRequestEvent('pull_request_review')).toBe(false);
  });

  it('GitHub: opened, reopened and synchronize deploy the head; closed (merged or not) closes', () => {
    for (const action of ['opened', 'reopened', 'synchronize'])
      expect(pullRequestAction('GITHUB', githubLike(action), 'main')).toEqual({
        kind: 'preview',
        pullRequest: 7,
        sha: head,
        branch: 'feature/checkout',
        cloneUrl: 'https://github.com/acme/shop.git',
        fromFork: false,
      });
    expect(pullRequestAction('GITHUB', githubLike('closed', { merged: true }), 'main')).toEqual({ kind: 'close', pullRequest: 7 });
    expect(pullRequestAction('GITHUB', githubLike('closed'), 'main')).toEqual({ kind: 'close', pullRequest: 7 });
    expect(pullRequestAction('GITHUB', githubLike('labeled'), 'main')).toEqual({ kind: 'ignore', reason: 'pull request #7 labeled' });
  });

  it('Gitea: synchronized is a push to the pull request; a fork is told apart by its repository', () => {
    expect(pullRequestAction('GITEA', gitea('synchronized'), 'main')).toMatchObject({ kind: 'preview', pullRequest: 2, sha: head, fromFork: false });
    expect(pullRequestAction('GITEA', gitea('opened', { fork: true }), 'main')).toEqual({
      kind: 'preview',
      pullRequest: 2,
      sha: head,
      branch: 'feature',
      cloneUrl: 'http://127.0.0.1:3000/bob/shop.git',
      fromFork: true,
    });
    expect(pullRequestAction('GITEA', gitea('closed'), 'main')).toEqual({ kind: 'close', pullRequest: 2 });
  });

  it('GitLab: open, reopen and update deploy the last commit; close and merge close', () => {
    for (const action of ['open', 'reopen', 'update'])
      expect(pullRequestAction('GITLAB', gitlab(action, { oldrev: action === 'update' }), 'main')).toEqual({
        kind: 'preview',
        pullRequest: 4,
        sha: head,
        branch: 'fix-typo',
        cloneUrl: 'https://gitlab.example.com/acme/shop.git',
        fromFork: false,
      });
    expect(pullRequestAction('GITLAB', gitlab('open', { fork: true }), 'main')).toMatchObject({
      fromFork: true,
      cloneUrl: 'https://gitlab.example.com/mallory/shop.git',
    });
    expect(pullRequestAction('GITLAB', gitlab('merge'), 'main')).toEqual({ kind: 'close', pullRequest: 4 });
    expect(pullRequestAction('GITLAB', gitlab('close'), 'main')).toEqual({ kind: 'close', pullRequest: 4 });
    expect(pullRequestAction('GITLAB', gitlab('approved'), 'main')).toEqual({ kind: 'ignore', reason: 'merge request !4 approved' });
  });

  it("pull requests against another branch than the app's are ignored", () => {
    expect(pullRequestAction('GITHUB', githubLike('opened', { base: 'develop' }), 'main')).toEqual({
      kind: 'ignore',
      reason: 'pull request #7 against develop',
    });
    expect(pullRequestAction('GITEA', gitea('synchronized', { base: 'release' }), 'main')).toMatchObject({ kind: 'ignore' });
    expect(pullRequestAction('GITLAB', gitlab('open', { target: 'develop' }), 'main')).toEqual({ kind: 'ignore', reason: 'merge request !4 against develop' });
  });

  it('a fork whose repository ids are missing counts as a fork (no secrets), unless the full names match', () => {
    const p = githubLike('opened', { fork: true });
    for (const r of [p.pull_request.head.repo, p.pull_request.base.repo]) Object.assign(r, { id: undefined });
    expect(pullRequestAction('GITHUB', p, 'main')).toMatchObject({ fromFork: true });
    const same = githubLike('opened');
    same.pull_request.head.repo = { ...same.pull_request.base.repo, id: undefined as unknown as number };
    expect(pullRequestAction('GITHUB', same, 'main')).toMatchObject({ fromFork: false });
    const gl = gitlab('open');
    delete (gl.object_attributes as Partial<typeof gl.object_attributes>).source_project_id;
    expect(pullRequestAction('GITLAB', gl, 'main')).toMatchObject({ fromFork: true });
  });

  it('hostile shapes are malformed, never deployed', () => {
    const withHead = (patch: Record<string, unknown>) => {
      const p = githubLike('opened', { fork: true });
      Object.assign(p.pull_request.head, patch);
      return p;
    };
    const withRepo = (patch: Record<string, unknown>) => {
      const p = githubLike('opened', { fork: true });
      Object.assign(p.pull_request.head.repo, patch);
      return p;
    };
    const cases: [string, unknown][] = [
      ['not an object', null],
      ['no pull_request', { action: 'opened', number: 7 }],
      ['number as a string', { ...githubLike('opened'), number: '7', pull_request: { ...githubLike('opened').pull_request, number: '7' } }],
      ['negative number', { ...githubLike('opened'), number: -1 }],
      ['huge number', { ...githubLike('opened'), number: 2 ** 40 }],
      ['short sha', withHead({ sha: 'abc123' })],
      ['sha with an option', withHead({ sha: '--upload-pack=touch /tmp/x' })],
      ['branch with ..', withHead({ ref: 'a/../../b' })],
      ['branch as an option', withHead({ ref: '-x' })],
      ['clone URL with credentials', withRepo({ clone_url: 'https://user:secret@github.com/mallory/shop.git' })],
      ['clone URL of a local path', withRepo({ clone_url: '/etc/passwd' })],
      ['clone URL starting with -', withRepo({ clone_url: '--config=core.sshCommand=touch /tmp/x' })],
      ['clone URL of another scheme', withRepo({ clone_url: 'ext::sh -c touch% /tmp/pwned' })],
      ['base without ref', { ...githubLike('opened'), pull_request: { ...githubLike('opened').pull_request, base: {} } }],
    ];
    for (const [why, payload] of cases)
      expect(pullRequestAction('GITHUB', payload as Record<string, unknown> | null, 'main'), why).toMatchObject({ kind: 'malformed' });
    expect(pullRequestAction('GITLAB', { object_kind: 'push' }, 'main')).toMatchObject({ kind: 'malformed' });
    expect(pullRequestAction('GITLAB', { ...gitlab('open'), object_attributes: { ...gitlab('open').object_attributes, iid: 0 } }, 'main')).toMatchObject({
      kind: 'malformed',
    });
    // a fork that was deleted since: nothing to clone
    const gone = githubLike('synchronize', { fork: true }) as { pull_request: { head: { repo: unknown } } };
    gone.pull_request.head.repo = null;
    expect(pullRequestAction('GITHUB', gone as unknown as Record<string, unknown>, 'main')).toMatchObject({ kind: 'ignore' });
  });
});
