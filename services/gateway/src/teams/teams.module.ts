import { Module } from '@nestjs/common';
import { AppsModule } from '../apps/apps.module.js';
import { AppTeamResolver } from './app-team.resolver.js';
import { TeamResolver } from './team.resolver.js';
import { TeamService } from './team.service.js';

@Module({ imports: [AppsModule], providers: [TeamService, TeamResolver, AppTeamResolver], exports: [TeamService] })
export class TeamsModule {}
