import { Module } from '@nestjs/common';
import { RedeployScheduleResolver } from './redeploy-schedule.resolver.js';
import { RedeployScheduleService } from './redeploy-schedule.service.js';

@Module({ providers: [RedeployScheduleService, RedeployScheduleResolver], exports: [RedeployScheduleService] })
export class SchedulesModule {}
