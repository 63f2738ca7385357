// A Temporal client on the test stack's server, for what the contract does not expose
// (workflow state queries, schedule descriptions).
import { Client, Connection } from '@temporalio/client';
import { inject } from 'vitest';

export async function connectTemporal(): Promise<{ client: Client; close: () => Promise<void> }> {
  const connection = await Connection.connect({ address: inject('temporalAddress') });
  return { client: new Client({ connection }), close: () => connection.close() };
}
