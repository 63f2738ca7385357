// `PAAS_RECORD_HISTORIES=1 npm test -- tests/e2e/deploy-pipeline.test.ts` writes the histories of
// real deployments to workflows/test/histories/, which the replay test replays on every run.
// Re-record only on purpose: a committed history is what guards old executions against new code.
import { Client, Connection } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { inject } from 'vitest';

export async function recordHistory(workflowId: string, name: string, client?: Client): Promise<void> {
  if (process.env.PAAS_RECORD_HISTORIES !== '1') return;
  const history = client ? await closedHistoryJson(client, workflowId) : await historyJson(workflowId);
  const file = join(resolve(import.meta.dirname, '../../workflows/test/histories'), `${name}.json`);
  writeFileSync(file, `${JSON.stringify(JSON.parse(history), null, 1)}\n`);
}

/** The complete history of a workflow of the test stack's Temporal, once it has closed, as JSON text. */
export async function historyJson(workflowId: string): Promise<string> {
  const connection = await Connection.connect({ address: inject('temporalAddress') });
  try {
    return await closedHistoryJson(new Client({ connection }), workflowId);
  } finally {
    await connection.close();
  }
}

async function closedHistoryJson(client: Client, workflowId: string): Promise<string> {
  const handle = client.workflow.getHandle(workflowId);
  await handle.result().catch(() => undefined);
  return historyToJSON(await handle.fetchHistory());
}
