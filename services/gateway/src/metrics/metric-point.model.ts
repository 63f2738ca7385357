import { Field, Float, ObjectType } from '@nestjs/graphql';

@ObjectType('MetricPoint')
export class MetricPointModel {
  @Field(() => Date)
  at!: Date;

  @Field(() => Float, { description: 'Of one core: 100 = one core busy. Summed over instances.' })
  cpuPercent!: number;

  @Field(() => Float)
  memoryMb!: number;

  @Field(() => Float)
  netRxBytes!: number;

  @Field(() => Float)
  netTxBytes!: number;
}
