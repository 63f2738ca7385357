// Team API tokens, looked up by the sha256 of the presented token.
import type { EntityManager } from 'typeorm';
import { ApiTokenEntity } from '../entities/credential.entity.js';
import type { TeamRoleName } from '../entities/team.entity.js';
import { sqlRows } from './sql-rows.js';

export class ApiTokenRepository {
  constructor(private readonly db: EntityManager) {}

  findById(id: string): Promise<ApiTokenEntity | null> {
    return this.db.getRepository(ApiTokenEntity).findOne({ where: { id } });
  }

  async insert(t: { teamId: string; name: string; role: TeamRoleName; tokenHash: string; expiresAt: Date | null }): Promise<ApiTokenEntity> {
    const rows: { id: string }[] = await this.db.query(
      `INSERT INTO api_tokens (team_id, name, role, token_hash, expires_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [t.teamId, t.name, t.role, t.tokenHash, t.expiresAt],
    );
    return (await this.findById(rows[0].id))!;
  }

  /** The live (not revoked, not expired) token with this hash, its lastUsedAt set to now; null otherwise. */
  async use(tokenHash: string): Promise<ApiTokenEntity | null> {
    const rows = sqlRows<{ id: string }>(
      await this.db.query(
        `UPDATE api_tokens SET last_used_at = now()
         WHERE token_hash = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now()) RETURNING id`,
        [tokenHash],
      ),
    );
    return rows.length === 1 ? this.findById(rows[0].id) : null;
  }

  /** The team's tokens not revoked (expired ones included, so they can be seen and revoked), newest first. */
  listOfTeam(teamId: string): Promise<ApiTokenEntity[]> {
    return this.db
      .getRepository(ApiTokenEntity)
      .createQueryBuilder('t')
      .where('t.team_id = :teamId AND t.revoked_at IS NULL', { teamId })
      .orderBy('t.createdAt', 'DESC')
      .getMany();
  }

  async revoke(id: string): Promise<boolean> {
    const rows = sqlRows<{ id: string }>(
      await this.db.query(`UPDATE api_tokens SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING id`, [id]),
    );
    return rows.length === 1;
  }
}
