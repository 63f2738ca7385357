// `PAAS_RECORD_HISTORIES=1 npm test -- tests/e2e/deploy-pipeline.test.ts` writes the histories of
// real deployments to workflows/test/histories/, which the replay test replays on every run.
// Re-record only on purpose: a committed history is what guards old executions against new code.
import { Client, Connection } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { inject } from 'vitest';

export async function recordHistory(workflowId: string, name: string): Promise<void> {
  if (process.env.PAAS_RECORD_HISTORIES !== '1') return;
  const connection = await Connection.connect({ address: inject('temporalAddress') });
  try {
    const client = new Client({ connection });
    const handle = client.workflow.getHandle(workflowId);
    await handle.result().catch(() => undefined);
    const history = await handle.fetchHistory();
    const file = join(resolve(import.meta.dirname, '../../workflows/test/histories'), `${name}.json`);
    writeFileSync(file, `${JSON.stringify(JSON.parse(historyToJSON(history)), null, 1)}\n`);
  } finally {
    await connection.close();
  }
}
