// Session access tokens: HS256 JWTs (jose), 15 minutes, naming the user and the session (the
// refresh token family) so that signing out or a detected reuse ends them at once. Only HS256
// with our key verifies, so `alg: none`, another algorithm, another key or an expired token are
// all refused alike.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';

export const ACCESS_TOKEN_TTL_SEC = 15 * 60;
const ISSUER = 'paas';

export class SessionTokens {
  private readonly key: Uint8Array;

  /** `secret`: PAAS_JWT_SECRET (generated into the data dir); without one, a key derived from the admin token. */
  constructor(secret: string | undefined, adminToken: string) {
    this.key = secret ? new TextEncoder().encode(secret) : createHmac('sha256', adminToken).update('paas session tokens').digest();
  }

  async sign(userId: string, sessionId: string, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
    const iat = Math.floor(now.getTime() / 1000);
    const exp = iat + ACCESS_TOKEN_TTL_SEC;
    const token = await new SignJWT({ sid: sessionId })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(userId)
      .setIssuer(ISSUER)
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .sign(this.key);
    return { token, expiresAt: new Date(exp * 1000) };
  }

  /** The user and session of a valid access token; null for anything forged, expired or malformed. */
  async verify(token: string): Promise<{ userId: string; sessionId: string } | null> {
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'], issuer: ISSUER });
      return typeof payload.sub === 'string' && typeof payload.sid === 'string' ? { userId: payload.sub, sessionId: payload.sid } : null;
    } catch {
      return null;
    }
  }
}

/** A new high-entropy bearer secret (refresh or API token). */
export const newOpaqueToken = (prefix: string) => `${prefix}${randomBytes(32).toString('base64url')}`;

/** Opaque tokens are high-entropy, so a plain sha256 is the right hash at rest (no salt or work factor needed). */
export const hashOpaqueToken = (token: string) => createHash('sha256').update(token).digest('hex');
