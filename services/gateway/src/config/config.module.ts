import { Global, Module } from '@nestjs/common';
import { PlatformConfig } from './platform-config.js';

@Global()
@Module({ providers: [PlatformConfig], exports: [PlatformConfig] })
export class ConfigModule {}
