import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import type { AppKind, Isolation, Runtime } from '@paas/contracts';
import { AppKindEnum, IsolationEnum, RuntimeEnum } from '../common/enums.js';
import { AutoscaleModel } from './autoscale.model.js';

@ObjectType('App')
export class AppModel {
  @Field(() => ID)
  id!: string;

  /** The owning team (App.team resolves it). */
  teamId!: string;

  @Field({ description: "A DNS label: lowercase letters, digits and '-', 1-63 characters, unique." })
  name!: string;

  @Field(() => AppKindEnum)
  kind!: AppKind;

  @Field(() => RuntimeEnum)
  runtime!: Runtime;

  @Field(() => String, { nullable: true })
  gitUrl!: string | null;

  @Field()
  branch!: string;

  @Field()
  rootDirectory!: string;

  @Field()
  dockerfilePath!: string;

  @Field(() => String, { nullable: true, description: 'STATIC only: image the build command runs in.' })
  buildImage!: string | null;

  @Field(() => String, { nullable: true, description: 'STATIC only.' })
  buildCommand!: string | null;

  @Field(() => String, { nullable: true, description: 'STATIC only: directory (relative to rootDirectory) that holds the built site.' })
  outputDirectory!: string | null;

  @Field(() => Boolean, { description: 'STATIC only: unknown paths get index.html (200) instead of the 404 page.' })
  spaFallback!: boolean;

  @Field(() => Int, { description: 'SERVICE only: port the container listens on (also passed as PORT).' })
  port!: number;

  @Field()
  healthCheckPath!: string;

  @Field(() => Int, { description: 'Memory limit of one instance, MiB.' })
  memoryMb!: number;

  @Field(() => Float, { description: 'CPU limit of one instance, in cores.' })
  cpus!: number;

  @Field(() => Int, { description: 'Instances serving now (with autoscale: the current count).' })
  replicas!: number;

  @Field(() => AutoscaleModel, { nullable: true })
  autoscale!: AutoscaleModel | null;

  @Field(() => IsolationEnum)
  isolation!: Isolation;

  @Field(() => Boolean, { description: 'Whether a git token is stored for this app (the token itself is write-only).' })
  hasGitToken!: boolean;

  @Field(() => Boolean, { description: 'Whether an ssh key is stored for this app (the key itself is write-only).' })
  hasGitSshKey!: boolean;

  @Field()
  createdAt!: Date;
}
