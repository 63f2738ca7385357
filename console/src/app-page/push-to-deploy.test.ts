import { describe, expect, it } from 'vitest';
import { deliveryOutcome, FORGES, linkableUrl, previewTags } from './push-to-deploy';

describe('push to deploy: how a delivery reads', () => {
  it('names the outcome by the result’s first word, whatever follows', () => {
    expect(deliveryOutcome('deployed 0b6f3c2e-7d1a-4a7e-9d7e-0f9f5c6a1b2c')).toEqual({ status: 'SUCCEEDED', label: 'deployed' });
    expect(deliveryOutcome('pong')).toEqual({ status: 'SUCCEEDED', label: 'pong' });
    expect(deliveryOutcome('ignored: branch dev')).toEqual({ status: 'SKIPPED', label: 'ignored' });
    expect(deliveryOutcome('refused: bad signature')).toEqual({ status: 'FAILED', label: 'refused' });
    expect(deliveryOutcome('Refused: replayed delivery')).toEqual({ status: 'FAILED', label: 'refused' });
  });

  it('shows an unknown or hostile result as neutral, never as success', () => {
    expect(deliveryOutcome('')).toEqual({ status: 'PENDING', label: 'unknown' });
    expect(deliveryOutcome('<img src=x onerror=alert(1)> deployed')).toEqual({ status: 'PENDING', label: 'unknown' });
    expect(deliveryOutcome('deployedish: no').status).toBe('PENDING');
    expect(deliveryOutcome('queued')).toEqual({ status: 'PENDING', label: 'queued' });
  });

  it('offers the three forges of the contract', () => {
    expect(FORGES).toEqual(['GITHUB', 'GITLAB', 'GITEA']);
  });
});

describe('previews: the PR tag of a deployment', () => {
  it('tags only PREVIEW deployments whose pull request is known', () => {
    const tags = previewTags([
      { id: 'a', trigger: 'PREVIEW', preview: { pullRequest: 7 } },
      { id: 'b', trigger: 'GIT_PUSH', preview: null },
      { id: 'c', trigger: 'PREVIEW', preview: null },
      { id: 'd', trigger: 'MANUAL', preview: { pullRequest: 3 } },
      { id: 'e', trigger: 'PREVIEW', preview: { pullRequest: 1.5 } },
    ]);
    expect([...tags]).toEqual([['a', 'PR #7']]);
  });

  it('is empty without data (the previews query failed or is loading)', () => {
    expect(previewTags(undefined).size).toBe(0);
    expect(previewTags(null).size).toBe(0);
  });
});

describe('previews: which URLs become links', () => {
  it('links http and https only; anything else stays text', () => {
    expect(linkableUrl('http://site-pr-7.apps.test:8080/')).toBe('http://site-pr-7.apps.test:8080/');
    expect(linkableUrl('https://site-pr-7.example.com/')).toBe('https://site-pr-7.example.com/');
    for (const bad of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'data:text/html,<script>1</script>',
      'vbscript:x',
      '//evil.example',
      'not a url',
      '',
      null,
      undefined,
    ])
      expect([bad, linkableUrl(bad)]).toEqual([bad, null]);
  });
});
