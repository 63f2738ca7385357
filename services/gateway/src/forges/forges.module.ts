import { Module } from '@nestjs/common';
import { ForgeConnectionResolver, TeamForgeConnectionsResolver } from './forge-connection.resolver.js';
import { ForgeConnectionService } from './forge-connection.service.js';

@Module({ providers: [ForgeConnectionService, ForgeConnectionResolver, TeamForgeConnectionsResolver] })
export class ForgesModule {}
