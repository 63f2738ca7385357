// Pull-request previews and the app switch that allows them. A preview row is opened (or reopened)
// by a pull-request event and closed by another; its deployments belong to it (deployments.preview_id).
import type { EntityManager } from 'typeorm';
import { PreviewEntity } from '../entities/preview.entity.js';

export interface OpenPreview {
  appId: string;
  pullRequest: number;
  branch: string;
  headSha: string;
  cloneUrl: string;
  fromFork: boolean;
}

export class PreviewRepository {
  constructor(private readonly db: EntityManager) {}

  private get previews() {
    return this.db.getRepository(PreviewEntity);
  }

  /** Null when the app does not exist. */
  async enabled(appId: string): Promise<boolean | null> {
    const rows: { previews_enabled: boolean }[] = await this.db.query(`SELECT previews_enabled FROM apps WHERE id = $1`, [appId]);
    return rows.length === 0 ? null : rows[0].previews_enabled;
  }

  /** False when the app does not exist. */
  async setEnabled(appId: string, enabled: boolean): Promise<boolean> {
    // (the driver answers an UPDATE with [rows, count]: the count is what tells)
    const [, count]: [unknown[], number] = await this.db.query(`UPDATE apps SET previews_enabled = $2 WHERE id = $1`, [appId, enabled]);
    return count > 0;
  }

  findById(id: string): Promise<PreviewEntity | null> {
    return this.previews.findOne({ where: { id } });
  }

  find(appId: string, pullRequest: number): Promise<PreviewEntity | null> {
    return this.previews.findOne({ where: { appId, pullRequest } });
  }

  /** Open pull requests' previews, newest pull request first. */
  listOpen(appId: string): Promise<PreviewEntity[]> {
    return this.previews.createQueryBuilder('p').where('p.app_id = :appId AND p.closed_at IS NULL', { appId }).orderBy('p.pull_request', 'DESC').getMany();
  }

  /** Opens the preview (a new pull request, or a closed one reopened) or moves it to a new head; returns it open. */
  async open(p: OpenPreview): Promise<PreviewEntity> {
    const rows: { id: string }[] = await this.db.query(
      `INSERT INTO previews (app_id, pull_request, branch, head_sha, clone_url, from_fork) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (app_id, pull_request) DO UPDATE SET branch = $3, head_sha = $4, clone_url = $5, from_fork = $6, updated_at = now(), closed_at = NULL
       RETURNING id`,
      [p.appId, p.pullRequest, p.branch, p.headSha, p.cloneUrl, p.fromFork],
    );
    return (await this.findById(rows[0].id))!;
  }

  /** Marks the preview closed; null when there is no open one for that pull request. */
  async close(appId: string, pullRequest: number): Promise<PreviewEntity | null> {
    const [rows]: [{ id: string }[], number] = await this.db.query(
      `UPDATE previews SET closed_at = now(), updated_at = now() WHERE app_id = $1 AND pull_request = $2 AND closed_at IS NULL RETURNING id`,
      [appId, pullRequest],
    );
    return rows.length === 0 ? null : this.findById(rows[0].id);
  }

  /** Undoes `close` when the preview's removal could not be started (the forge's retry closes it again). */
  async reopen(id: string): Promise<void> {
    await this.db.query(`UPDATE previews SET closed_at = NULL WHERE id = $1`, [id]);
  }

  /** Inside a transaction: the team's row is locked by the quota check; the open previews count against its memory. */
  async openCountOfTeam(teamId: string): Promise<number> {
    const [r]: { n: string }[] = await this.db.query(
      `SELECT count(*) AS n FROM previews p JOIN apps a ON a.id = p.app_id WHERE a.team_id = $1 AND p.closed_at IS NULL`,
      [teamId],
    );
    return Number(r.n);
  }
}
