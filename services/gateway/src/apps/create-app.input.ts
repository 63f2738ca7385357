import { Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import type { AppKind, Isolation, Runtime } from '@paas/contracts';
import { AppKindEnum, IsolationEnum, RuntimeEnum } from '../common/enums.js';
import { AutoscaleInput } from './autoscale.model.js';
import { EnvVarInput } from './env-var.model.js';

@InputType('CreateAppInput')
export class CreateAppInput {
  @Field()
  name!: string;

  @Field(() => ID, { nullable: true, description: "Default: the caller's personal team." })
  teamId?: string | null;

  @Field(() => AppKindEnum, { nullable: true, defaultValue: 'SERVICE' })
  kind?: AppKind;

  @Field(() => RuntimeEnum, { nullable: true, defaultValue: 'DOCKER' })
  runtime?: Runtime;

  @Field(() => String, { nullable: true, description: 'Required for SERVICE apps. A STATIC app without one is deployed from uploaded ZIPs only.' })
  gitUrl?: string | null;

  @Field(() => String, { nullable: true, description: 'Token for a private https repository; write-only.' })
  gitToken?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Private key (OpenSSH or PEM, no passphrase) for an ssh:// gitUrl, which needs one; write-only. The host's own keys are never used.",
  })
  gitSshKey?: string | null;

  @Field(() => String, { nullable: true, defaultValue: 'main' })
  branch?: string;

  @Field(() => String, { nullable: true, defaultValue: '.' })
  rootDirectory?: string;

  @Field(() => String, { nullable: true, defaultValue: 'Dockerfile' })
  dockerfilePath?: string;

  @Field(() => String, { nullable: true })
  buildImage?: string | null;

  @Field(() => String, { nullable: true })
  buildCommand?: string | null;

  @Field(() => String, { nullable: true })
  outputDirectory?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    defaultValue: false,
    description: 'STATIC only: unknown paths get index.html with 200 (single-page apps) instead of the 404 page.',
  })
  spaFallback?: boolean | null;

  @Field(() => Int, { nullable: true, defaultValue: 8080 })
  port?: number;

  @Field(() => String, { nullable: true, defaultValue: '/' })
  healthCheckPath?: string;

  @Field(() => [EnvVarInput], { nullable: true })
  env?: EnvVarInput[] | null;

  @Field(() => Int, { nullable: true, description: 'Memory limit of one instance, MiB. Default: PAAS_APP_MEMORY_MB.' })
  memoryMb?: number | null;

  @Field(() => Float, { nullable: true, description: 'CPU limit of one instance, in cores. Default: PAAS_APP_CPUS.' })
  cpus?: number | null;

  @Field(() => Int, { nullable: true, defaultValue: 1, description: "KUBERNETES only above 1: the Deployment's replicas (1-20)." })
  replicas?: number | null;

  @Field(() => AutoscaleInput, { nullable: true, description: 'KUBERNETES only: a HorizontalPodAutoscaler on CPU instead of fixed replicas.' })
  autoscale?: AutoscaleInput | null;

  @Field(() => IsolationEnum, {
    nullable: true,
    defaultValue: 'STANDARD',
    description: 'SANDBOXED: KUBERNETES only (Kata, or gVisor without hardware virtualization).',
  })
  isolation?: Isolation | null;
}
