import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { EncryptionCodec, FAILURE_CONVERTER_PATH } from '@paas/crypto';
import { secretKeyring } from '@paas/db';
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
        // sealed like the worker's: what the gateway starts a workflow with is ciphertext in the history
        return new Client({
          connection,
          namespace: config.temporalNamespace,
          dataConverter: { payloadCodecs: [new EncryptionCodec(secretKeyring())], failureConverterPath: FAILURE_CONVERTER_PATH },
        });
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
