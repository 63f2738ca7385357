import { Field, ObjectType } from '@nestjs/graphql';
import { UserModel } from './user.model.js';

@ObjectType('Session')
export class SessionModel {
  @Field({ description: 'Short-lived; send as Authorization: Bearer <accessToken>.' })
  accessToken!: string;

  @Field({ description: 'Long-lived and single-use: refreshSession returns a new pair.' })
  refreshToken!: string;

  @Field(() => Date, { description: 'When the access token expires.' })
  expiresAt!: Date;

  @Field(() => UserModel)
  user!: UserModel;
}
