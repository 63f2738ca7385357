import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { AuditEventEntity } from '@paas/db';

// the caller's address is stored but not shown: the log of a team names strangers who tried it
@ObjectType('AuditEvent')
export class AuditEventModel {
  @Field(() => ID)
  id!: string;

  @Field(() => Date)
  at!: Date;

  @Field({ description: "The user's email, or the API token's name." })
  actor!: string;

  @Field({ description: "The mutation's name, e.g. deploy." })
  action!: string;

  @Field(() => ID, { nullable: true })
  targetId!: string | null;

  @Field(() => ID, { nullable: true })
  teamId!: string | null;

  @Field({ description: 'ok, or the error code' })
  result!: string;
}

export const toAuditEventModel = (e: AuditEventEntity): AuditEventModel => ({
  id: e.id,
  at: e.at,
  actor: e.actor,
  action: e.action,
  targetId: e.targetId,
  teamId: e.teamId,
  result: e.result,
});
