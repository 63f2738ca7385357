// Deleting an app spans three services, in an order that matters: its schedules first (no
// redeploy may start while the app goes), then its deployments, containers, files and row.
import { Inject, Injectable } from '@nestjs/common';
import { DeploymentService } from '../deployments/deployment.service.js';
import { RedeployScheduleService } from '../schedules/redeploy-schedule.service.js';
import { AppService } from './app.service.js';

@Injectable()
export class AppDeletionService {
  constructor(
    @Inject(AppService) private readonly apps: AppService,
    @Inject(RedeployScheduleService) private readonly schedules: RedeployScheduleService,
    @Inject(DeploymentService) private readonly deployments: DeploymentService,
  ) {}

  /** NOT_FOUND for an unknown or malformed id, before anything is touched. */
  async delete(id: string): Promise<void> {
    const app = await this.apps.get(id);
    await this.schedules.deleteForApp(app.id);
    await this.deployments.deleteApp(app.id, app.name);
  }
}
