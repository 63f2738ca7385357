import { SignJWT, UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { hashOpaqueToken, newOpaqueToken, SessionTokens } from './session-tokens.js';

const tokens = new SessionTokens('a-secret-of-this-platform-that-is-long-enough', 'admin');

describe('session access tokens', () => {
  it('verifies its own token, for 15 minutes', async () => {
    const { token, expiresAt } = await tokens.sign('user-1', 'session-1');
    expect(await tokens.verify(token)).toEqual({ userId: 'user-1', sessionId: 'session-1' });
    expect(+expiresAt - Date.now()).toBeGreaterThan(14 * 60_000);
    expect(+expiresAt - Date.now()).toBeLessThanOrEqual(15 * 60_000);
  });

  it('refuses expired, unsigned (alg none), foreign-key, other-algorithm and tampered tokens', async () => {
    const expired = await tokens.sign('user-1', 'session-1', new Date(Date.now() - 16 * 60_000));
    expect(await tokens.verify(expired.token)).toBeNull();
    const none = new UnsecuredJWT({}).setSubject('user-1').setIssuer('paas').setIssuedAt().setExpirationTime('10m').encode();
    expect(await tokens.verify(none)).toBeNull();
    const foreign = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('user-1')
      .setIssuer('paas')
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode('another key entirely, also long'));
    expect(await tokens.verify(foreign)).toBeNull();
    const hs512 = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS512' })
      .setSubject('user-1')
      .setIssuer('paas')
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode('a-secret-of-this-platform-that-is-long-enough'));
    expect(await tokens.verify(hs512)).toBeNull();
    const [h, , s] = (await tokens.sign('user-1', 'session-1')).token.split('.');
    const tampered = `${h}.${Buffer.from(JSON.stringify({ sub: 'user-2', sid: 'session-1', iss: 'paas', exp: 9999999999 })).toString('base64url')}.${s}`;
    expect(await tokens.verify(tampered)).toBeNull();
    for (const junk of ['', 'a.b.c', 'not a token']) expect(await tokens.verify(junk)).toBeNull();
  });

  it('keeps the key of the data dir: another platform does not accept our tokens', async () => {
    const { token } = await tokens.sign('user-1', 'session-1');
    expect(await new SessionTokens('some other platform secret, long enough', 'admin').verify(token)).toBeNull();
    expect(await new SessionTokens(undefined, 'admin').verify(token)).toBeNull();
  });

  it('makes opaque tokens with their prefix, different each time, hashed to hex', () => {
    const a = newOpaqueToken('paas_tok_');
    expect(a).toMatch(/^paas_tok_[A-Za-z0-9_-]{43}$/);
    expect(newOpaqueToken('paas_tok_')).not.toBe(a);
    expect(hashOpaqueToken(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashOpaqueToken(a)).not.toContain(a.slice(9));
  });
});
