import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { ApiTokenEntity } from '@paas/db';
import type { TeamRole } from '../auth/principal.js';
import { TeamRoleEnum } from '../teams/team-role.enum.js';

@ObjectType('ApiToken')
export class ApiTokenModel {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => TeamRoleEnum)
  role!: TeamRole;

  teamId!: string;

  @Field(() => Date, { nullable: true })
  expiresAt!: Date | null;

  @Field(() => Date, { nullable: true })
  lastUsedAt!: Date | null;

  @Field(() => Date)
  createdAt!: Date;
}

@ObjectType('CreatedApiToken')
export class CreatedApiTokenModel {
  @Field({ description: 'Shown once; send as Authorization: Bearer <token>.' })
  token!: string;

  @Field(() => ApiTokenModel)
  apiToken!: ApiTokenModel;
}

export const toApiTokenModel = (t: ApiTokenEntity): ApiTokenModel => ({
  id: t.id,
  name: t.name,
  role: t.role,
  teamId: t.teamId,
  expiresAt: t.expiresAt,
  lastUsedAt: t.lastUsedAt,
  createdAt: t.createdAt,
});
