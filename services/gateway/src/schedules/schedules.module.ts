import { Module } from '@nestjs/common';
import { RedeployScheduleResolver } from './redeploy-schedule.resolver.js';

@Module({ providers: [RedeployScheduleResolver] })
export class SchedulesModule {}
