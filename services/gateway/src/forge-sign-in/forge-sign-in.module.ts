import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { UsersModule } from '../users/users.module.js';
import { ForgeIdentityResolver } from './forge-identity.resolver.js';
import { ForgeSignInController } from './forge-sign-in.controller.js';
import { ForgeSignInService } from './forge-sign-in.service.js';

@Module({ imports: [UsersModule, AuditModule], controllers: [ForgeSignInController], providers: [ForgeSignInService, ForgeIdentityResolver] })
export class ForgeSignInModule {}
