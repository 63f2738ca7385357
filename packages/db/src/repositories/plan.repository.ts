// Plans, which plan a team is on, and what a team uses of it.
import { FINAL_STATUSES } from '@paas/contracts';
import type { EntityManager } from 'typeorm';
import { PlanEntity } from '../entities/plan.entity.js';

export interface TeamUsageRow {
  apps: number;
  memoryMb: number;
  buildMinutesThisMonth: number;
}

export class PlanRepository {
  constructor(private readonly db: EntityManager) {}

  list(): Promise<PlanEntity[]> {
    return this.db.getRepository(PlanEntity).find({ order: { position: 'ASC' } });
  }

  findById(id: string): Promise<PlanEntity | null> {
    return this.db.getRepository(PlanEntity).findOne({ where: { id } });
  }

  /** The plan of a team; null when there is no such team. */
  async ofTeam(teamId: string): Promise<PlanEntity | null> {
    const rows: { plan_id: string }[] = await this.db.query(`SELECT plan_id FROM teams WHERE id = $1`, [teamId]);
    return rows[0] ? this.findById(rows[0].plan_id) : null;
  }

  /** Inside a transaction: holds the team's row until it ends, so that quota checks of one team run one at a time. */
  async lockTeam(teamId: string): Promise<void> {
    await this.db.query(`SELECT id FROM teams WHERE id = $1 FOR UPDATE`, [teamId]);
  }

  /** The team's deployments other than `exceptDeploymentId` that hold a build slot now (not released, not finished). */
  async buildSlotsHeld(teamId: string, exceptDeploymentId: string): Promise<number> {
    const [row]: { count: string }[] = await this.db.query(
      `SELECT count(*) AS count FROM deployments d JOIN apps a ON a.id = d.app_id
        WHERE a.team_id = $1 AND d.id <> $2 AND d.build_slot_at IS NOT NULL AND d.build_slot_released_at IS NULL AND d.status <> ALL($3::text[])`,
      [teamId, exceptDeploymentId, FINAL_STATUSES],
    );
    return Number(row.count);
  }

  /** Takes a build slot for the deployment (again: no change). */
  async claimBuildSlot(deploymentId: string): Promise<void> {
    await this.db.query(`UPDATE deployments SET build_slot_at = coalesce(build_slot_at, now()) WHERE id = $1`, [deploymentId]);
  }

  async releaseBuildSlot(deploymentId: string): Promise<void> {
    await this.db.query(
      `UPDATE deployments SET build_slot_released_at = now() WHERE id = $1 AND build_slot_at IS NOT NULL AND build_slot_released_at IS NULL`,
      [deploymentId],
    );
  }

  /** False when there is no such team. */
  async assign(teamId: string, planId: string): Promise<boolean> {
    const [, affected]: [unknown, number] = await this.db.query(`UPDATE teams SET plan_id = $2 WHERE id = $1`, [teamId, planId]);
    return affected > 0;
  }

  /** Build minutes: the BUILD steps of the team's deployments started in this calendar month (UTC); a running build counts until now. */
  async usageOf(teamId: string, now = new Date()): Promise<TeamUsageRow> {
    // an app may run as many instances as it may scale to: memoryMb x (autoscale's max, or replicas);
    // each open pull-request preview runs one more instance of its app
    const [apps]: { count: string; memory_mb: string }[] = await this.db.query(
      `SELECT count(*) AS count, coalesce(sum(memory_mb * ${INSTANCES_SQL}), 0) + (${PREVIEWS_MEMORY_SQL}) AS memory_mb FROM apps WHERE team_id = $1`,
      [teamId],
    );
    const [minutes]: { minutes: string | null }[] = await this.db.query(
      `SELECT sum(extract(epoch FROM (coalesce(s.finished_at, $2::timestamptz) - s.started_at))) / 60 AS minutes
         FROM deployment_steps s JOIN deployments d ON d.id = s.deployment_id JOIN apps a ON a.id = d.app_id
        WHERE a.team_id = $1 AND s.name = 'BUILD' AND s.started_at >= date_trunc('month', $2::timestamptz AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'`,
      [teamId, now],
    );
    return { apps: Number(apps.count), memoryMb: Number(apps.memory_mb), buildMinutesThisMonth: Number(minutes.minutes ?? 0) };
  }
}

/** The most instances an app may run at once, as SQL over an apps row (Docker apps have replicas = 1). */
const INSTANCES_SQL = 'coalesce(autoscale_max_replicas, replicas)';

/** The memory of the team's ($1) open pull-request previews: one instance of their app each. */
const PREVIEWS_MEMORY_SQL = `SELECT coalesce(sum(pa.memory_mb), 0) FROM previews p JOIN apps pa ON pa.id = p.app_id WHERE pa.team_id = $1 AND p.closed_at IS NULL`;
