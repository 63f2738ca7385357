// The contract's Autoscale type and its input (kubernetes.graphql): a CPU autoscaler for a Kubernetes app.
import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('Autoscale')
export class AutoscaleModel {
  @Field(() => Int)
  minReplicas!: number;

  @Field(() => Int)
  maxReplicas!: number;

  @Field(() => Int)
  targetCpuPercent!: number;
}

@InputType('AutoscaleInput')
export class AutoscaleInput {
  @Field(() => Int)
  minReplicas!: number;

  @Field(() => Int)
  maxReplicas!: number;

  @Field(() => Int, { nullable: true, defaultValue: 70 })
  targetCpuPercent?: number | null;
}
