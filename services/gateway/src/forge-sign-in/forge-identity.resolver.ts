// The caller's linked forge identities, and unlinking one. Linking happens in the browser
// (POST /auth/forge/:provider/link, then the provider's pages): see forge-sign-in.controller.ts.
import { Inject } from '@nestjs/common';
import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Database } from '@paas/db';
import type { GateContext } from '../auth/graphql-gate.js';
import { DomainError } from '../common/domain-error.js';
import { PolicyService } from '../policy/policy.service.js';
import { ForgeIdentityModel, toForgeIdentityModel } from './forge-identity.model.js';

@Resolver(() => ForgeIdentityModel)
export class ForgeIdentityResolver {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(PolicyService) private readonly policy: PolicyService,
  ) {}

  @Query(() => [ForgeIdentityModel], { description: "The forge accounts linked to the caller's (a signed-in user's)." })
  async forgeIdentities(@Context() ctx: GateContext): Promise<ForgeIdentityModel[]> {
    const userId = this.policy.user(ctx.principal);
    return (await this.db.forgeIdentities.ofUser(userId)).map(toForgeIdentityModel);
  }

  @Mutation(() => Boolean, { description: 'Unlinks a forge account; refused when it is the only way left to sign in (no password).' })
  async unlinkForgeIdentity(@Args('provider') provider: string, @Context() ctx: GateContext): Promise<boolean> {
    const userId = this.policy.user(ctx.principal);
    const linked = await this.db.forgeIdentities.ofUser(userId);
    if (!linked.some((i) => i.provider === provider)) throw new DomainError('NOT_FOUND', `No ${String(provider).slice(0, 40)} account is linked to yours.`);
    const signIn = await this.db.users.forSignIn((await this.db.users.findById(userId))?.email ?? '');
    if (!signIn?.passwordHash && linked.length === 1)
      throw new DomainError('CONFLICT', 'This is the only way you sign in (your account has no password): link another provider first.');
    return this.db.forgeIdentities.unlink(userId, provider);
  }
}
