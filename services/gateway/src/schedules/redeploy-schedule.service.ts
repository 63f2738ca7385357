// Scheduled redeploys are Temporal Schedules; a row per schedule lets the API list an app's
// schedules without asking Temporal, which is asked only for nextRunAt.
import { Inject, Injectable } from '@nestjs/common';
import { TASK_QUEUE, ValidationError, scheduledRedeployWorkflowId, validateCron } from '@paas/contracts';
import { Database, type RedeployScheduleEntity } from '@paas/db';
import { Client, ScheduleNotFoundError, ScheduleOverlapPolicy, type ScheduleSpec } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { INPUT_LIMITS } from '../apps/app.service.js';
import { isUuid } from '../common/ids.js';
import { DomainError, notFound } from '../common/domain-error.js';
import type { RedeployScheduleModel } from './redeploy-schedule.model.js';

export function scheduleSpec(cron: string): ScheduleSpec {
  const every = /^@every (\d+[smh])$/.exec(cron);
  return every ? { intervals: [{ every: every[1] as `${number}s` }] } : { cronExpressions: [cron] };
}

@Injectable()
export class RedeployScheduleService {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(Client) private readonly temporal: Client,
  ) {}

  async create(appId: string, rawCron: string): Promise<RedeployScheduleModel> {
    const cron = validateCron(rawCron, INPUT_LIMITS.minRedeployIntervalSeconds);
    if (!isUuid(appId)) throw notFound('App', appId);
    const id = randomUUID();
    // the row is written and counted under the app's lock, and committed only once Temporal has the schedule
    await this.db
      .transaction(async (tx) => {
        if (!(await tx.apps.lockForUpdate(appId))) throw notFound('App', appId);
        const count = await tx.schedules.countForApp(appId);
        if (count >= INPUT_LIMITS.schedulesPerApp) {
          throw new ValidationError(
            `An app may have at most ${INPUT_LIMITS.schedulesPerApp} redeploy schedules (PAAS_MAX_SCHEDULES_PER_APP); delete one first.`,
            'cron',
          );
        }
        await tx.schedules.insert({ id, appId, cron });
        await this.temporal.schedule.create({
          scheduleId: id,
          spec: scheduleSpec(cron),
          action: {
            type: 'startWorkflow',
            workflowType: 'scheduledRedeployWorkflow',
            workflowId: scheduledRedeployWorkflowId(id),
            taskQueue: TASK_QUEUE,
            args: [{ appId, scheduleId: id }],
          },
          // never two runs of one schedule at once; the app's deployer serializes the rest
          policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 minute' },
          memo: { appId },
        });
      })
      .catch(async (err) => {
        await this.temporal.schedule
          .getHandle(id)
          .delete()
          .catch(() => undefined); // leave nothing behind, whichever step failed
        throw err;
      });
    return this.get(id);
  }

  async setPaused(id: string, paused: boolean): Promise<RedeployScheduleModel> {
    await this.row(id);
    const handle = this.temporal.schedule.getHandle(id);
    if (paused) await handle.pause('paused through the API');
    else await handle.unpause('resumed through the API');
    await this.db.schedules.setPaused(id, paused);
    return this.get(id);
  }

  async delete(id: string): Promise<void> {
    await this.row(id);
    await this.deleteInTemporal(id);
    await this.db.schedules.delete(id);
  }

  async deleteForApp(appId: string): Promise<void> {
    for (const s of await this.db.schedules.listForApp(appId)) await this.delete(s.id);
  }

  async listForApp(appId: string): Promise<RedeployScheduleModel[]> {
    const rows = await this.db.schedules.listForApp(appId);
    return Promise.all(rows.map((r) => this.toModel(r)));
  }

  private async get(id: string): Promise<RedeployScheduleModel> {
    return this.toModel(await this.row(id));
  }

  private async row(id: string): Promise<RedeployScheduleEntity> {
    const row = isUuid(id) ? await this.db.schedules.find(id) : null;
    if (!row) throw notFound('Redeploy schedule', id);
    return row;
  }

  private async toModel(row: RedeployScheduleEntity): Promise<RedeployScheduleModel> {
    let nextRunAt: Date | null = null;
    try {
      const info = await this.temporal.schedule.getHandle(row.id).describe();
      nextRunAt = row.paused ? null : (info.info.nextActionTimes[0] ?? null);
    } catch (err) {
      if (!(err instanceof ScheduleNotFoundError)) throw new DomainError('UNAVAILABLE', 'The workflow service (Temporal) is unavailable; try again.');
    }
    return { id: row.id, cron: row.cron, paused: row.paused, nextRunAt };
  }

  private async deleteInTemporal(id: string): Promise<void> {
    try {
      await this.temporal.schedule.getHandle(id).delete();
    } catch (err) {
      if (!(err instanceof ScheduleNotFoundError)) throw err;
    }
  }
}
