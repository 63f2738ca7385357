import { Module } from '@nestjs/common';
import { SessionResolver } from './session.resolver.js';
import { SessionService } from './session.service.js';

@Module({ providers: [SessionService, SessionResolver], exports: [SessionService] })
export class UsersModule {}
