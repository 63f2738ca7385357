import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { PlatformConfig } from '../config/platform-config.js';

@Global()
@Module({
  providers: [
    {
      provide: Client,
      inject: [PlatformConfig],
      useFactory: async (config: PlatformConfig) => {
        // lazy: the gateway starts (and /healthz answers 503) even while Temporal is down
        const connection = Connection.lazy({ address: config.temporalAddress });
        return new Client({ connection, namespace: config.temporalNamespace });
      },
    },
  ],
  exports: [Client],
})
export class TemporalModule implements OnApplicationShutdown {
  constructor(@Inject(Client) private readonly client: Client) {}

  async onApplicationShutdown(): Promise<void> {
    await this.client.connection.close();
  }
}
