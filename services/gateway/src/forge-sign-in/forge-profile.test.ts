import { describe, expect, it } from 'vitest';
import { profileFromGitHub, profileFromOidcClaims } from './forge-profile.js';

describe('forge profiles', () => {
  it('keeps an OIDC email only when the provider verified it', () => {
    expect(profileFromOidcClaims({ sub: '42', email: 'Ann@Example.com', email_verified: true, preferred_username: 'ann' })).toEqual({
      subject: '42',
      username: 'ann',
      name: null,
      verifiedEmail: 'ann@example.com',
    });
    expect(profileFromOidcClaims({ sub: '42', email: 'ann@example.com' }).verifiedEmail).toBeNull();
    expect(profileFromOidcClaims({ sub: '42', email: 'ann@example.com', email_verified: 'true' }).verifiedEmail).toBeNull();
  });

  it('refuses claims without a subject and ignores oversized or non-string values', () => {
    expect(() => profileFromOidcClaims({ email: 'a@b.c' })).toThrow(/no subject/);
    expect(() => profileFromOidcClaims({ sub: 42 })).toThrow(/no subject/);
    expect(profileFromOidcClaims({ sub: 's', name: 'x'.repeat(1000), preferred_username: { a: 1 } })).toMatchObject({ name: null, username: null });
  });

  it("takes GitHub's primary verified email and its numeric id as the subject", () => {
    const emails = [
      { email: 'other@example.com', primary: false, verified: true },
      { email: 'Main@Example.com', primary: true, verified: true },
    ];
    expect(profileFromGitHub({ id: 7, login: 'octo', name: 'Octo Cat' }, emails)).toEqual({
      subject: '7',
      username: 'octo',
      name: 'Octo Cat',
      verifiedEmail: 'main@example.com',
    });
    expect(profileFromGitHub({ id: 7, login: 'octo' }, [{ email: 'x@y.z', primary: true, verified: false }]).verifiedEmail).toBeNull();
    expect(() => profileFromGitHub({ login: 'octo' }, [])).toThrow(/no user id/);
  });
});
