import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import type { PlanEntity } from '@paas/db';

@ObjectType('Plan')
export class PlanModel {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => Int)
  maxApps!: number;

  @Field(() => Int, { description: "Limit on the sum over the team's apps of memoryMb x instances." })
  maxMemoryMb!: number;

  @Field(() => Int)
  maxConcurrentBuilds!: number;

  @Field(() => Int)
  maxBuildMinutesPerMonth!: number;
}

@ObjectType('TeamUsage')
export class TeamUsageModel {
  @Field(() => Int)
  apps!: number;

  @Field(() => Int)
  memoryMb!: number;

  @Field(() => Float)
  buildMinutesThisMonth!: number;
}

export function toPlanModel(p: PlanEntity): PlanModel {
  return {
    id: p.id,
    name: p.name,
    maxApps: p.maxApps,
    maxMemoryMb: p.maxMemoryMb,
    maxConcurrentBuilds: p.maxConcurrentBuilds,
    maxBuildMinutesPerMonth: p.maxBuildMinutesPerMonth,
  };
}
