import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('RuntimeLogLine')
export class RuntimeLogLineModel {
  @Field()
  timestamp!: Date;

  @Field({ description: 'stdout or stderr' })
  stream!: string;

  @Field()
  line!: string;

  @Field({ description: 'Which instance printed it (container or pod name).' })
  instance!: string;
}

@ObjectType('AppEvent')
export class AppEventModel {
  @Field()
  at!: Date;

  @Field({ description: 'started, stopped, crashed, oom_killed, scaled, health_failed, ...' })
  kind!: string;

  @Field()
  message!: string;

  @Field(() => ID, { nullable: true })
  deploymentId!: string | null;
}
