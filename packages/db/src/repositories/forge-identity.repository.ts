// Forge identities linked to users (sign-in with GitHub, GitLab, Gitea, OpenID Connect).
import type { EntityManager } from 'typeorm';
import { ForgeIdentityEntity } from '../entities/forge-identity.entity.js';

const UNIQUE_VIOLATION = '23505';

export class ForgeIdentityRepository {
  constructor(private readonly db: EntityManager) {}

  private get identities() {
    return this.db.getRepository(ForgeIdentityEntity);
  }

  find(provider: string, subject: string): Promise<ForgeIdentityEntity | null> {
    return this.identities.findOne({ where: { provider, subject } });
  }

  ofUser(userId: string): Promise<ForgeIdentityEntity[]> {
    return this.identities.find({ where: { userId }, order: { provider: 'ASC' } });
  }

  /** Links; false when the identity is linked already, or the user has another identity of this provider. */
  async link(i: { userId: string; provider: string; subject: string; username: string | null }): Promise<boolean> {
    try {
      await this.db.query(`INSERT INTO forge_identities (user_id, provider, subject, username, last_sign_in_at) VALUES ($1, $2, $3, $4, now())`, [
        i.userId,
        i.provider,
        i.subject,
        i.username,
      ]);
      return true;
    } catch (e) {
      if ((e as { code?: string }).code === UNIQUE_VIOLATION) return false;
      throw e;
    }
  }

  async recordSignIn(id: string, username: string | null): Promise<void> {
    await this.db.query(`UPDATE forge_identities SET last_sign_in_at = now(), username = $2 WHERE id = $1`, [id, username]);
  }

  async unlink(userId: string, provider: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(`DELETE FROM forge_identities WHERE user_id = $1 AND provider = $2 RETURNING id`, [userId, provider]);
    return rows.length > 0;
  }
}
