import { Inject } from '@nestjs/common';
import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { GateContext } from '../auth/graphql-gate.js';
import { DomainError } from '../common/domain-error.js';
import { PolicyService } from '../policy/policy.service.js';
import { Database } from '@paas/db';
import { SessionModel } from './session.model.js';
import { SessionService } from './session.service.js';
import { ADMIN_USER, toUserModel, UserModel } from './user.model.js';

@Resolver(() => SessionModel)
export class SessionResolver {
  constructor(
    @Inject(SessionService) private readonly sessions: SessionService,
    @Inject(PolicyService) private readonly policy: PolicyService,
    @Inject(Database) private readonly db: Database,
  ) {}

  @Query(() => UserModel)
  async me(@Context() ctx: GateContext): Promise<UserModel> {
    const p = this.policy.principal(ctx.principal);
    if (p.kind === 'admin') return ADMIN_USER;
    if (p.kind === 'token') throw new DomainError('FORBIDDEN', 'An API token belongs to a team, not to a user.');
    const user = await this.db.users.findById(p.userId);
    if (!user) throw new DomainError('UNAUTHENTICATED', 'This account no longer exists.');
    return toUserModel(user);
  }

  @Mutation(() => SessionModel, { description: 'Allowed when PAAS_SIGNUP is open, or for an email that a team has invited.' })
  signUp(
    @Args('email') email: string,
    @Args('password') password: string,
    @Args('name', { type: () => String, nullable: true }) name?: string | null,
  ): Promise<SessionModel> {
    return this.sessions.signUp(email, password, name);
  }

  @Mutation(() => SessionModel)
  signIn(@Args('email') email: string, @Args('password') password: string, @Context() ctx: GateContext): Promise<SessionModel> {
    return this.sessions.signIn(email, password, ctx.reply?.request ?? ctx.request);
  }

  @Mutation(() => SessionModel)
  refreshSession(@Args('refreshToken') refreshToken: string): Promise<SessionModel> {
    return this.sessions.refresh(refreshToken);
  }

  @Mutation(() => Boolean)
  signOut(@Args('refreshToken') refreshToken: string): Promise<boolean> {
    return this.sessions.signOut(refreshToken);
  }
}
