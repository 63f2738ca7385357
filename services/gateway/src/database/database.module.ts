import { Global, Module, type OnApplicationShutdown, Inject } from '@nestjs/common';
import { createDataSource } from '@paas/db';
import { DataSource } from 'typeorm';
import { PlatformConfig } from '../config/platform-config.js';

@Global()
@Module({
  providers: [
    {
      provide: DataSource,
      inject: [PlatformConfig],
      useFactory: (config: PlatformConfig) => createDataSource(config.databaseUrl).initialize(),
    },
  ],
  exports: [DataSource],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.db.isInitialized) await this.db.destroy();
  }
}
