import { Inject } from '@nestjs/common';
import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { GateContext } from '../auth/graphql-gate.js';
import { TeamModel } from '../teams/team.model.js';
import { ApiTokenModel } from './api-token.model.js';
import { ApiTokenService } from './api-token.service.js';

// Team.apiTokens lives with the tokens (the teams module knows nothing of tokens)
@Resolver(() => TeamModel)
export class TeamApiTokensResolver {
  constructor(@Inject(ApiTokenService) private readonly tokens: ApiTokenService) {}

  @ResolveField(() => [ApiTokenModel], { description: 'Tokens not revoked (expired ones too), newest first; never their secret. OWNER and ADMIN only.' })
  apiTokens(@Parent() team: TeamModel, @Context() ctx: GateContext): Promise<ApiTokenModel[]> {
    return this.tokens.listOfTeam(ctx.principal, team.id);
  }
}
