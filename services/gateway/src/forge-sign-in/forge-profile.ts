// Who the provider says the person is, reduced to what linking an account needs. Only a verified
// email may create an account: an unverified one could be someone else's address.

export interface ForgeProfile {
  /** The provider's stable id of the account: OIDC `sub`, GitHub's numeric user id. */
  subject: string;
  username: string | null;
  name: string | null;
  /** Lower-cased; null when the provider has none that it verified. */
  verifiedEmail: string | null;
}

const text = (v: unknown, max: number): string | null => (typeof v === 'string' && v.trim() && v.length <= max ? v.trim() : null);

/** From OIDC claims: the id_token's, completed by the userinfo response (same subject, checked by openid-client). */
export function profileFromOidcClaims(claims: Record<string, unknown>): ForgeProfile {
  const subject = text(claims.sub, 255);
  if (!subject) throw new Error('the provider sent no subject');
  const email = text(claims.email, 254);
  return {
    subject,
    username: text(claims.preferred_username, 255) ?? text(claims.nickname, 255),
    name: text(claims.name, 200),
    verifiedEmail: email && claims.email_verified === true ? email.toLowerCase() : null,
  };
}

/** From GitHub's `GET /user` and `GET /user/emails`: the primary address, if GitHub verified it. */
export function profileFromGitHub(user: Record<string, unknown>, emails: unknown): ForgeProfile {
  if (typeof user.id !== 'number' || !Number.isSafeInteger(user.id)) throw new Error('GitHub sent no user id');
  const list = Array.isArray(emails) ? (emails as Record<string, unknown>[]) : [];
  const primary = list.find((e) => e && e.primary === true && e.verified === true);
  const email = primary ? text(primary.email, 254) : null;
  return { subject: String(user.id), username: text(user.login, 255), name: text(user.name, 200), verifiedEmail: email?.toLowerCase() ?? null };
}
