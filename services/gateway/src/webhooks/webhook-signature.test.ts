import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deliveryOf, verifySignature } from './webhook-signature.js';

const secret = 'a'.repeat(64);
const body = Buffer.from('{"ref":"refs/heads/main"}');
const hex = (s: string, b: Buffer) => createHmac('sha256', s).update(b).digest('hex');
const good = hex(secret, body);

describe('webhook signatures', () => {
  it('GitHub: X-Hub-Signature-256 over the raw body', () => {
    expect(verifySignature('GITHUB', secret, { 'x-hub-signature-256': `sha256=${good}` }, body)).toBe(true);
    expect(verifySignature('GITHUB', secret, { 'x-hub-signature-256': `sha256=${good.toUpperCase()}` }, body)).toBe(true);
  });

  it('GitHub: refuses a wrong, missing, prefix-less, truncated, odd-length or non-hex signature', () => {
    const bad = [
      { 'x-hub-signature-256': `sha256=${hex('other', body)}` },
      {},
      { 'x-hub-signature-256': good },
      { 'x-hub-signature-256': `sha256=${good.slice(0, 63)}` },
      { 'x-hub-signature-256': `sha256=${good.slice(0, 62)}` },
      { 'x-hub-signature-256': `sha256=${good}00` },
      { 'x-hub-signature-256': `sha256=${'z'.repeat(64)}` },
      { 'x-hub-signature-256': 'sha256=' },
      { 'x-hub-signature-256': [`sha256=${good}`, `sha256=${good}`] },
      // Gitea's header does not count for a GitHub webhook
      { 'x-gitea-signature': good },
    ];
    for (const headers of bad) expect(verifySignature('GITHUB', secret, headers, body), JSON.stringify(headers)).toBe(false);
  });

  it('GitHub: the same signature over a re-serialized body (other whitespace) is refused', () => {
    const reserialized = Buffer.from(JSON.stringify(JSON.parse(body.toString()), null, 1));
    expect(verifySignature('GITHUB', secret, { 'x-hub-signature-256': `sha256=${good}` }, reserialized)).toBe(false);
  });

  it("Gitea/Forgejo: X-Gitea-Signature, X-Forgejo-Signature or GitHub's header", () => {
    expect(verifySignature('GITEA', secret, { 'x-gitea-signature': good }, body)).toBe(true);
    expect(verifySignature('GITEA', secret, { 'x-forgejo-signature': good }, body)).toBe(true);
    expect(verifySignature('GITEA', secret, { 'x-hub-signature-256': `sha256=${good}`, 'x-gitea-signature': good }, body)).toBe(true);
    expect(verifySignature('GITEA', secret, { 'x-gitea-signature': hex('other', body) }, body)).toBe(false);
    expect(verifySignature('GITEA', secret, { 'x-gitea-signature': `sha256=${good}` }, body)).toBe(false);
    expect(verifySignature('GITEA', secret, {}, body)).toBe(false);
    // a wrong GitHub-style header is not overruled by a right Gitea one: every header sent must hold
    expect(verifySignature('GITEA', secret, { 'x-hub-signature-256': 'sha256=00', 'x-gitea-signature': good }, body)).toBe(false);
    expect(verifySignature('GITEA', secret, { 'x-hub-signature-256': `sha256=${good}`, 'x-gitea-signature': '00' }, body)).toBe(false);
    expect(verifySignature('GITEA', secret, { 'x-gitea-signature': good, 'x-forgejo-signature': hex('other', body) }, body)).toBe(false);
  });

  it('GitLab: X-Gitlab-Token equal to the secret, whatever its length', () => {
    expect(verifySignature('GITLAB', secret, { 'x-gitlab-token': secret }, body)).toBe(true);
    for (const token of ['', secret.slice(0, 63), `${secret}a`, secret.toUpperCase(), 'x'])
      expect(verifySignature('GITLAB', secret, { 'x-gitlab-token': token }, body)).toBe(false);
    expect(verifySignature('GITLAB', secret, {}, body)).toBe(false);
    // a GitHub-style signature is no GitLab token
    expect(verifySignature('GITLAB', secret, { 'x-hub-signature-256': `sha256=${good}` }, body)).toBe(false);
  });

  it('reads the delivery id and event of each forge', () => {
    expect(deliveryOf('GITHUB', { 'x-github-delivery': 'd1', 'x-github-event': 'push' })).toEqual({ deliveryId: 'd1', event: 'push' });
    expect(deliveryOf('GITEA', { 'x-gitea-delivery': 'd2', 'x-gitea-event': 'push' })).toEqual({ deliveryId: 'd2', event: 'push' });
    expect(deliveryOf('GITLAB', { 'x-gitlab-event-uuid': 'd3', 'x-gitlab-event': 'Push Hook' })).toEqual({ deliveryId: 'd3', event: 'Push Hook' });
    expect(deliveryOf('GITLAB', { 'x-github-delivery': 'd1' })).toEqual({ deliveryId: undefined, event: undefined });
  });
});
