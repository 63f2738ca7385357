import { Module } from '@nestjs/common';
import { HealthModule } from '../health/health.module.js';
import { PlatformResolver } from './platform.resolver.js';

@Module({ imports: [HealthModule], providers: [PlatformResolver] })
export class PlatformModule {}
