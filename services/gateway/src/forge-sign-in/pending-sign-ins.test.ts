import { describe, expect, it } from 'vitest';
import { PendingSignIns } from './pending-sign-ins.js';

const checks = { state: 'state-1', codeVerifier: 'v', nonce: 'n' };

describe('pending sign-ins', () => {
  it('gives an authorization back once, to the browser that started it', () => {
    const pending = new PendingSignIns();
    const binding = pending.begin({ providerId: 'gitea', checks, linkUserId: null });
    const taken = pending.take('state-1');
    expect(taken?.checks).toEqual(checks);
    expect(PendingSignIns.boundTo(taken!, binding)).toBe(true);
    expect(PendingSignIns.boundTo(taken!, 'another-browser')).toBe(false);
    expect(PendingSignIns.boundTo(taken!, undefined)).toBe(false);
    expect(pending.take('state-1')).toBeNull();
  });

  it('knows no state it did not issue', () => {
    const pending = new PendingSignIns();
    expect(pending.take(null)).toBeNull();
    expect(pending.take('forged')).toBeNull();
    expect(pending.take('x'.repeat(10_000))).toBeNull();
  });

  it('redeems a hand-off code once', () => {
    const pending = new PendingSignIns();
    const code = pending.handOff('user-1');
    expect(pending.redeem('wrong')).toBeNull();
    expect(pending.redeem(code)).toBe('user-1');
    expect(pending.redeem(code)).toBeNull();
    expect(pending.redeem({ code })).toBeNull();
  });
});
