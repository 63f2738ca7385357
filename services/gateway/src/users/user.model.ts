import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { UserEntity } from '@paas/db';

@ObjectType('User')
export class UserModel {
  @Field(() => ID)
  id!: string;

  @Field()
  email!: string;

  @Field(() => String, { nullable: true })
  name!: string | null;

  @Field({ description: 'Sees and manages every team.' })
  platformAdmin!: boolean;

  @Field(() => Date)
  createdAt!: Date;
}

export const toUserModel = (u: UserEntity): UserModel => ({ id: u.id, email: u.email, name: u.name, platformAdmin: u.platformAdmin, createdAt: u.createdAt });

/** The admin token as a user (`me`): it has no account of its own. */
export const ADMIN_USER: UserModel = { id: 'admin', email: 'admin', name: 'Platform admin (admin token)', platformAdmin: true, createdAt: new Date(0) };
