// Users, their failed sign-ins (a per-account counter in PostgreSQL), and refresh tokens.
import type { EntityManager } from 'typeorm';
import { RefreshTokenEntity } from '../entities/credential.entity.js';
import { UserEntity } from '../entities/user.entity.js';
import { sqlRows } from './sql-rows.js';

const UNIQUE_VIOLATION = '23505';

export class UserRepository {
  constructor(private readonly db: EntityManager) {}

  private get users() {
    return this.db.getRepository(UserEntity);
  }

  findById(id: string): Promise<UserEntity | null> {
    return this.users.findOne({ where: { id } });
  }

  /** False when there is no such user. */
  async setPlatformAdmin(id: string, platformAdmin: boolean): Promise<boolean> {
    const [, affected]: [unknown, number] = await this.db.query(`UPDATE users SET platform_admin = $2 WHERE id = $1`, [id, platformAdmin]);
    return affected > 0;
  }

  /** Every user, oldest first (the platform admin's overview). */
  list(): Promise<UserEntity[]> {
    return this.users.find({ order: { createdAt: 'ASC' } });
  }

  findByIds(ids: string[]): Promise<UserEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.users.createQueryBuilder('u').where('u.id IN (:...ids)', { ids }).getMany();
  }

  findByEmail(email: string): Promise<UserEntity | null> {
    return this.users.findOne({ where: { email } });
  }

  /** The user with its password hash and whether it is locked out now; null when no such email. */
  async forSignIn(email: string): Promise<{ user: UserEntity; passwordHash: string | null; lockedUntil: Date | null } | null> {
    const rows: { id: string; password_hash: string | null; locked_until: Date | null }[] = await this.db.query(
      `SELECT id, password_hash, locked_until FROM users WHERE email = $1`,
      [email],
    );
    if (rows.length === 0) return null;
    const user = await this.findById(rows[0].id);
    return user && { user, passwordHash: rows[0].password_hash, lockedUntil: rows[0].locked_until };
  }

  /** Null when the email is taken. A user who signed up through a forge has no password (null). */
  async insert(user: { email: string; name: string | null; passwordHash: string | null }): Promise<UserEntity | null> {
    try {
      const rows: { id: string }[] = await this.db.query(`INSERT INTO users (email, name, password_hash) VALUES ($1, $2, $3) RETURNING id`, [
        user.email,
        user.name,
        user.passwordHash,
      ]);
      return this.findById(rows[0].id);
    } catch (e) {
      if ((e as { code?: string }).code === UNIQUE_VIOLATION) return null;
      throw e;
    }
  }

  /** Counts a wrong password; after `max` in a row the account is locked for `lockMs`. */
  async recordFailedSignIn(id: string, max: number, lockMs: number): Promise<void> {
    await this.db.query(
      `UPDATE users SET failed_sign_ins = failed_sign_ins + 1,
         locked_until = CASE WHEN failed_sign_ins + 1 >= $2 THEN now() + ($3 || ' milliseconds')::interval ELSE locked_until END
       WHERE id = $1`,
      [id, max, String(lockMs)],
    );
  }

  async recordSignIn(id: string): Promise<void> {
    await this.db.query(`UPDATE users SET failed_sign_ins = 0, locked_until = NULL WHERE id = $1`, [id]);
  }

  async insertRefreshToken(t: { userId: string; familyId: string; tokenHash: string; expiresAt: Date }): Promise<void> {
    await this.db.getRepository(RefreshTokenEntity).insert(t);
  }

  /**
   * Uses a refresh token once: 'ok' (now used) with its user and family, 'reused' (it was used or
   * revoked before: the whole family is revoked now), or 'unknown'/'expired'.
   */
  async useRefreshToken(tokenHash: string): Promise<{ outcome: 'ok' | 'reused' | 'unknown' | 'expired'; userId?: string; familyId?: string }> {
    const rows = sqlRows<{ user_id: string; family_id: string; expired: boolean }>(
      await this.db.query(
        `UPDATE refresh_tokens SET used_at = now() WHERE token_hash = $1 AND used_at IS NULL AND revoked_at IS NULL
         RETURNING user_id, family_id, expires_at <= now() AS expired`,
        [tokenHash],
      ),
    );
    if (rows.length === 1) return rows[0].expired ? { outcome: 'expired' } : { outcome: 'ok', userId: rows[0].user_id, familyId: rows[0].family_id };
    const known: { family_id: string }[] = await this.db.query(`SELECT family_id FROM refresh_tokens WHERE token_hash = $1`, [tokenHash]);
    if (known.length === 0) return { outcome: 'unknown' };
    await this.revokeFamily(known[0].family_id);
    return { outcome: 'reused' };
  }

  /** Revokes the family of a refresh token (sign-out); false when the token is unknown. */
  async revokeFamilyOf(tokenHash: string): Promise<boolean> {
    const known: { family_id: string }[] = await this.db.query(`SELECT family_id FROM refresh_tokens WHERE token_hash = $1`, [tokenHash]);
    if (known.length === 0) return false;
    await this.revokeFamily(known[0].family_id);
    return true;
  }

  /** Whether a session (a refresh token family) of this user is still on: not signed out, no reuse detected. */
  async sessionLive(userId: string, familyId: string): Promise<boolean> {
    const rows: { live: boolean }[] = await this.db.query(
      `SELECT bool_and(revoked_at IS NULL) AS live FROM refresh_tokens WHERE family_id = $1 AND user_id = $2`,
      [familyId, userId],
    );
    return rows[0]?.live === true;
  }

  private async revokeFamily(familyId: string): Promise<void> {
    await this.db.query(`UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL`, [familyId]);
  }
}
