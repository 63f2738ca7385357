import { Field, Float, InputType, Int } from '@nestjs/graphql';
import type { Isolation, Runtime } from '@paas/contracts';
import { IsolationEnum, RuntimeEnum } from '../common/enums.js';
import { AutoscaleInput } from './autoscale.model.js';

@InputType('UpdateAppInput', { description: 'Only the given fields change; they take effect on the next deployment.' })
export class UpdateAppInput {
  @Field(() => String, { nullable: true })
  branch?: string | null;

  @Field(() => String, { nullable: true })
  rootDirectory?: string | null;

  @Field(() => String, { nullable: true })
  dockerfilePath?: string | null;

  @Field(() => String, { nullable: true })
  buildImage?: string | null;

  @Field(() => String, { nullable: true })
  buildCommand?: string | null;

  @Field(() => String, { nullable: true })
  outputDirectory?: string | null;

  @Field(() => Int, { nullable: true })
  port?: number | null;

  @Field(() => String, { nullable: true })
  healthCheckPath?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'A new repository. Pointing at another scheme, host or port drops the stored gitToken/gitSshKey unless a new one is given too.',
  })
  gitUrl?: string | null;

  @Field(() => String, { nullable: true, description: 'Token for a private https repository; write-only. "" removes the stored one.' })
  gitToken?: string | null;

  @Field(() => String, { nullable: true, description: 'Private key for an ssh:// gitUrl; write-only. "" removes the stored one.' })
  gitSshKey?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'STATIC only.' })
  spaFallback?: boolean | null;

  @Field(() => Int, { nullable: true, description: 'Memory limit of one instance, MiB. Default: PAAS_APP_MEMORY_MB.' })
  memoryMb?: number | null;

  @Field(() => Float, { nullable: true, description: 'CPU limit of one instance, in cores. Default: PAAS_APP_CPUS.' })
  cpus?: number | null;

  @Field(() => RuntimeEnum, { nullable: true, description: 'Moves a SERVICE app between Docker and Kubernetes on its next deployment, without downtime.' })
  runtime?: Runtime | null;

  @Field(() => Int, { nullable: true })
  replicas?: number | null;

  @Field(() => AutoscaleInput, { nullable: true, description: 'null removes the autoscaler (the app keeps its replicas).' })
  autoscale?: AutoscaleInput | null;

  @Field(() => IsolationEnum, { nullable: true })
  isolation?: Isolation | null;
}
