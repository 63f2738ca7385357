import { Field, ObjectType } from '@nestjs/graphql';
import type { ForgeIdentityEntity } from '@paas/db';

@ObjectType('ForgeIdentity', { description: "A forge or OpenID Connect account linked to the caller's, to sign in with." })
export class ForgeIdentityModel {
  @Field({ description: 'The provider: github, gitlab, gitea or oidc (GET /auth/providers names them).' })
  provider!: string;

  @Field(() => String, { nullable: true, description: 'The user name at the provider, as of the last sign-in.' })
  username!: string | null;

  @Field(() => Date)
  linkedAt!: Date;

  @Field(() => Date, { nullable: true })
  lastSignInAt!: Date | null;
}

export const toForgeIdentityModel = (i: ForgeIdentityEntity): ForgeIdentityModel => ({
  provider: i.provider,
  username: i.username,
  linkedAt: i.linkedAt,
  lastSignInAt: i.lastSignInAt,
});
