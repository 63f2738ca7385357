import { Module } from '@nestjs/common';
import { DeploymentsModule } from '../deployments/deployments.module.js';
import { RuntimeResolver, RuntimeSubscriptionResolver } from './runtime.resolver.js';
import { RuntimeService } from './runtime.service.js';

@Module({ imports: [DeploymentsModule], providers: [RuntimeService, RuntimeResolver, RuntimeSubscriptionResolver] })
export class RuntimeModule {}
