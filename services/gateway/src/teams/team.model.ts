import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { TeamRole } from '../auth/principal.js';
import { UserModel } from '../users/user.model.js';
import { TeamRoleEnum } from './team-role.enum.js';

@ObjectType('Team')
export class TeamModel {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => TeamRoleEnum, { description: "The caller's role in this team (platform admins: OWNER)." })
  role!: TeamRole;
}

@ObjectType('TeamMember')
export class TeamMemberModel {
  @Field(() => UserModel, { description: 'For an invitation not yet accepted: the invited email, with an id of the form invited:<email>.' })
  user!: UserModel;

  @Field(() => TeamRoleEnum)
  role!: TeamRole;
}
