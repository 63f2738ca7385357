import { describe, expect, it } from 'vitest';
import { href, parseRoute } from './router';

describe('hash routes', () => {
  it('round-trips every screen', () => {
    for (const r of [
      { name: 'apps' },
      { name: 'new' },
      { name: 'team' },
      { name: 'admin' },
      { name: 'signIn' },
      { name: 'signUp' },
      { name: 'adminToken' },
    ] as const)
      expect(parseRoute(href(r))).toEqual(r);
    expect(parseRoute(href({ name: 'app', appId: 'a b', deploymentId: 'd' }))).toEqual({ name: 'app', appId: 'a b', deploymentId: 'd' });
  });

  it('reads the forge sign-in’s way back, and survives hostile hashes', () => {
    expect(parseRoute('#/auth/forge/done/h4ndoff')).toEqual({ name: 'forge', result: { kind: 'done', handoff: 'h4ndoff' } });
    expect(parseRoute(`#/auth/forge/error/${encodeURIComponent('State did not match.')}`)).toEqual({
      name: 'forge',
      result: { kind: 'error', message: 'State did not match.' },
    });
    expect(parseRoute('#/auth/forge/error/%E0%A4%A')).toEqual({ name: 'forge', result: { kind: 'error', message: '%E0%A4%A' } });
    expect(parseRoute('#/auth/forge/done/')).toEqual({ name: 'forge', result: null });
    expect(parseRoute(`#/auth/forge/error/${'x'.repeat(5000)}`)).toMatchObject({ result: { message: 'x'.repeat(500) } });
    expect(parseRoute('#/../../etc/passwd')).toEqual({ name: 'apps' });
  });
});
