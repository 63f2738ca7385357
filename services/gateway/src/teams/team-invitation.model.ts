import { Field, ObjectType } from '@nestjs/graphql';
import type { TeamRole } from '../auth/principal.js';
import { TeamRoleEnum } from './team-role.enum.js';

@ObjectType('TeamInvitation', { description: 'An email invited to a team: it joins with this role when it signs up.' })
export class TeamInvitationModel {
  @Field()
  email!: string;

  @Field(() => TeamRoleEnum)
  role!: TeamRole;

  @Field(() => Date)
  createdAt!: Date;
}
