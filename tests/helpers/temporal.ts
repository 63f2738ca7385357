// A Temporal client on the test stack's server, for what the contract does not expose
// (workflow state queries, schedule descriptions). It has the platform's payload codec: the
// stack seals every payload under its master key (PAAS_MASTER_KEY, or the one generated into its data dir).
import { EncryptionCodec, FAILURE_CONVERTER_PATH, Keyring, parseMasterKey } from '@paas/crypto';
import { Client, Connection } from '@temporalio/client';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';

export function stackCodec(): EncryptionCodec {
  const key = process.env.PAAS_MASTER_KEY || readFileSync(join(inject('dataDir'), 'master.key'), 'utf8');
  return new EncryptionCodec(new Keyring(parseMasterKey(key)));
}

export async function connectTemporal(): Promise<{ client: Client; close: () => Promise<void> }> {
  const connection = await Connection.connect({ address: inject('temporalAddress') });
  return {
    client: new Client({ connection, dataConverter: { payloadCodecs: [stackCodec()], failureConverterPath: FAILURE_CONVERTER_PATH } }),
    close: () => connection.close(),
  };
}
