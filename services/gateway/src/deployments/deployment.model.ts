import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { DeploymentStatus, DeploymentTrigger, ReleaseState, StepName, StepStatus } from '@paas/contracts';
import { DeploymentStatusEnum, DeploymentTriggerEnum, ReleaseStateEnum, StepNameEnum, StepStatusEnum } from '../common/enums.js';

@ObjectType('DeploymentStep')
export class DeploymentStepModel {
  @Field(() => StepNameEnum)
  name!: StepName;

  @Field(() => StepStatusEnum)
  status!: StepStatus;

  @Field(() => Int, { description: '1 for the first try; more when the step was retried.' })
  attempt!: number;

  @Field(() => Date, { nullable: true })
  startedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  finishedAt!: Date | null;

  @Field(() => String, { nullable: true })
  message!: string | null;
}

@ObjectType('Deployment')
export class DeploymentModel {
  @Field(() => ID)
  id!: string;

  /** Resolved by DeploymentResolver.app. */
  appId!: string;

  /** Resolved by PreviewResolver.preview (trigger PREVIEW). */
  previewId!: string | null;

  @Field(() => DeploymentStatusEnum)
  status!: DeploymentStatus;

  @Field(() => DeploymentTriggerEnum)
  trigger!: DeploymentTrigger;

  @Field(() => String, { nullable: true })
  commitSha!: string | null;

  @Field(() => String, { nullable: true, description: 'SERVICE: registry reference pinned by digest (name@sha256:...).' })
  imageRef!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "STATIC: the object-storage prefix holding the release's files (immutable; a rollback points at an earlier one).",
  })
  sitePrefix!: string | null;

  /** The app's kind when the deployment was requested; decides the step list. */
  kind?: string;

  @Field({ description: 'The Temporal workflow id that carries this deployment.' })
  workflowId!: string;

  @Field(() => String, { nullable: true, description: 'Why it FAILED or was CANCELLED, in words a user can act on.' })
  error!: string | null;

  /** Resolved by DeploymentResolver.sourceDeployment. */
  sourceDeploymentId!: string | null;

  @Field()
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  finishedAt!: Date | null;

  @Field(() => ReleaseStateEnum, { nullable: true, description: 'Once LIVE: whether its container keeps running.' })
  runtimeState!: ReleaseState | null;

  @Field(() => Int, { description: 'How often the release container exited after it went live.' })
  restartCount!: number;
}

@ObjectType('LogLine')
export class LogLineModel {
  @Field(() => ID)
  deploymentId!: string;

  @Field(() => Int, { description: 'Strictly increasing per deployment, from 1.' })
  seq!: number;

  @Field()
  timestamp!: Date;

  @Field({ description: 'stdout, stderr or system' })
  stream!: string;

  @Field()
  line!: string;
}
