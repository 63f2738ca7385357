import { describe, expect, it } from 'vitest';
import { actionFor, parseBody } from './webhook-payload.js';

const sha = 'ab'.repeat(20);
const json = (v: unknown) => Buffer.from(JSON.stringify(v));

describe('webhook payloads', () => {
  it('a push to the branch deploys exactly its after sha (GitHub/Gitea and GitLab)', () => {
    expect(actionFor('push', { ref: 'refs/heads/main', after: sha }, 'main')).toEqual({ kind: 'deploy', sha });
    expect(actionFor('Push Hook', { ref: 'refs/heads/main', after: sha.toUpperCase() }, 'main')).toEqual({ kind: 'deploy', sha });
    expect(actionFor('push', { ref: 'refs/heads/main', after: 'c'.repeat(64) }, 'main')).toEqual({ kind: 'deploy', sha: 'c'.repeat(64) });
  });

  it('other branches, tags, deletions and other events are ignored', () => {
    expect(actionFor('push', { ref: 'refs/heads/dev', after: sha }, 'main')).toEqual({ kind: 'ignore', reason: 'branch dev' });
    expect(actionFor('push', { ref: 'refs/tags/v1', after: sha }, 'main')).toEqual({ kind: 'ignore', reason: 'ref refs/tags/v1' });
    expect(actionFor('push', { ref: 'refs/heads/main', after: '0'.repeat(40) }, 'main')).toMatchObject({ kind: 'ignore', reason: 'branch main deleted' });
    expect(actionFor('push', { ref: 'refs/heads/main', after: sha, deleted: true }, 'main')).toMatchObject({ kind: 'ignore' });
    expect(actionFor('pull_request', { ref: 'refs/heads/main', after: sha }, 'main')).toEqual({ kind: 'ignore', reason: 'event pull_request' });
    expect(actionFor('ping', null, 'main')).toEqual({ kind: 'ping' });
    // a branch named like the app's, one level down, is another branch
    expect(actionFor('push', { ref: 'refs/heads/x/main', after: sha }, 'main')).toMatchObject({ kind: 'ignore' });
  });

  it('hostile shapes are malformed, never deployed', () => {
    const hostile: unknown[] = [
      null,
      { ref: ['refs/heads/main'], after: sha },
      { ref: 'refs/heads/main' },
      { ref: 'refs/heads/main', after: 42 },
      { ref: 'refs/heads/main', after: { toString: sha } },
      { ref: 'refs/heads/main', after: sha.slice(0, 7) },
      { ref: 'refs/heads/main', after: `${sha}; rm -rf /` },
      { ref: 'refs/heads/main', after: `--upload-pack=${sha}` },
      { ref: 'refs/heads/main', after: `${sha}\n` },
    ];
    for (const p of hostile) expect(actionFor('push', p as Record<string, unknown> | null, 'main').kind, JSON.stringify(p)).toBe('malformed');
  });

  it('a long ref or event name is cut in the recorded reason', () => {
    const r = actionFor('push', { ref: `refs/heads/${'b'.repeat(10_000)}`, after: sha }, 'main');
    expect(r.kind === 'ignore' && r.reason.length).toBeLessThan(120);
    const e = actionFor('x'.repeat(10_000), {}, 'main');
    expect(e.kind === 'ignore' && e.reason.length).toBeLessThan(120);
  });

  it('parses JSON objects and GitHub form encoding; anything else is null', () => {
    expect(parseBody(json({ ref: 'r' }), 'application/json')).toEqual({ ref: 'r' });
    expect(parseBody(Buffer.from(new URLSearchParams({ payload: JSON.stringify({ ref: 'r' }) }).toString()), 'application/x-www-form-urlencoded')).toEqual({
      ref: 'r',
    });
    for (const b of ['', 'null', '[1]', '"s"', '42', '{', '\u0000', '{"a":'.repeat(1000)]) expect(parseBody(Buffer.from(b), 'application/json')).toBeNull();
    expect(parseBody(Buffer.from('x=1'), 'application/x-www-form-urlencoded')).toBeNull();
    // __proto__ in the body stays an own key: it does not reach Object.prototype
    const parsed = parseBody(Buffer.from('{"__proto__":{"polluted":true},"ref":"r"}'), 'application/json');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(parsed?.ref).toBe('r');
  });
});
