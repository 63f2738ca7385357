import { Module } from '@nestjs/common';
import { TeamsModule } from '../teams/teams.module.js';
import { ApiTokenResolver } from './api-token.resolver.js';
import { ApiTokenService } from './api-token.service.js';
import { TeamApiTokensResolver } from './team-api-tokens.resolver.js';

@Module({ imports: [TeamsModule], providers: [ApiTokenService, ApiTokenResolver, TeamApiTokensResolver] })
export class TokensModule {}
