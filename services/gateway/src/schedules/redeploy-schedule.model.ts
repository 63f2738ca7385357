import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('RedeploySchedule')
export class RedeployScheduleModel {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'Standard 5-field cron expression, UTC.' })
  cron!: string;

  @Field()
  paused!: boolean;

  @Field(() => Date, { nullable: true })
  nextRunAt!: Date | null;
}
