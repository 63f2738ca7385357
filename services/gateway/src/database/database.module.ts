import { Global, Module, type OnApplicationShutdown, Inject } from '@nestjs/common';
import { Database, createDataSource } from '@paas/db';
import { DataSource } from 'typeorm';
import { PlatformConfig } from '../config/platform-config.js';

// Services inject `Database` (the repositories of @paas/db); the DataSource under it is provided
// only to build it and to close it at shutdown.
@Global()
@Module({
  providers: [
    {
      provide: DataSource,
      inject: [PlatformConfig],
      useFactory: (config: PlatformConfig) => createDataSource(config.databaseUrl).initialize(),
    },
    {
      provide: Database,
      inject: [DataSource],
      useFactory: (source: DataSource) => new Database(source),
    },
  ],
  exports: [Database],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.db.isInitialized) await this.db.destroy();
  }
}
