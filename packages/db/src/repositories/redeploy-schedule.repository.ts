// Rows listing each app's redeploy schedules; the schedules themselves live in Temporal.
import type { EntityManager } from 'typeorm';
import { RedeployScheduleEntity } from '../entities/redeploy-schedule.entity.js';

export class RedeployScheduleRepository {
  constructor(private readonly db: EntityManager) {}

  private get schedules() {
    return this.db.getRepository(RedeployScheduleEntity);
  }

  find(id: string): Promise<RedeployScheduleEntity | null> {
    return this.schedules.findOne({ where: { id } });
  }

  /** Oldest first. */
  listForApp(appId: string): Promise<RedeployScheduleEntity[]> {
    return this.schedules.find({ where: { appId }, order: { createdAt: 'ASC' } });
  }

  countForApp(appId: string): Promise<number> {
    return this.schedules.count({ where: { appId } });
  }

  async insert(row: { id: string; appId: string; cron: string }): Promise<void> {
    await this.schedules.insert({ ...row, paused: false });
  }

  async setPaused(id: string, paused: boolean): Promise<void> {
    await this.schedules.update({ id }, { paused });
  }

  async delete(id: string): Promise<void> {
    await this.schedules.delete({ id });
  }
}
