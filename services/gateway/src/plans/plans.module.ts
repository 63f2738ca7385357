import { Module } from '@nestjs/common';
import { PlanResolver, TeamPlanResolver } from './plan.resolver.js';

@Module({ providers: [PlanResolver, TeamPlanResolver] })
export class PlansModule {}
