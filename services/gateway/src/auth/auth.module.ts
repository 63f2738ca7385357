import { Global, Module } from '@nestjs/common';
import { PlatformConfig } from '../config/platform-config.js';
import { SessionTokens } from './session-tokens.js';

// PAAS_JWT_SECRET comes from the data dir (packages/supervisor/src/secrets.ts)
@Global()
@Module({
  providers: [
    {
      provide: SessionTokens,
      inject: [PlatformConfig],
      useFactory: (config: PlatformConfig) => new SessionTokens(process.env.PAAS_JWT_SECRET, config.adminToken),
    },
  ],
  exports: [SessionTokens],
})
export class AuthModule {}
