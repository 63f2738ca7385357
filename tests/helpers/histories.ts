// `PAAS_RECORD_HISTORIES=1 npm test -- tests/e2e/deploy-pipeline.test.ts` writes the histories of
// real deployments to workflows/test/histories/, which the replay test replays on every run.
// Re-record only on purpose: a committed history is what guards old executions against new code.
import { Client, Connection } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { inject } from 'vitest';
import { ENCRYPTED_ENCODING } from '@paas/crypto';
import { stackCodec } from './temporal.js';

export async function recordHistory(workflowId: string, name: string, client?: Client): Promise<void> {
  if (process.env.PAAS_RECORD_HISTORIES !== '1') return;
  // recorded opened: the replay test has no key, and a committed history must not depend on one
  const history = await openedHistoryJson(client ? await closedHistoryJson(client, workflowId) : await historyJson(workflowId));
  const file = join(resolve(import.meta.dirname, '../../workflows/test/histories'), `${name}.json`);
  writeFileSync(file, `${JSON.stringify(JSON.parse(history), null, 1)}\n`);
}

interface JsonPayload {
  metadata: Record<string, string>;
  data?: string;
}

/** A history in JSON form with every payload the platform sealed opened in place (the form the replay test reads). */
export async function openedHistoryJson(history: string): Promise<string> {
  const doc: unknown = JSON.parse(history);
  const sealed: JsonPayload[] = [];
  const sealedEncoding = Buffer.from(ENCRYPTED_ENCODING).toString('base64');
  const walk = (v: unknown): void => {
    if (!v || typeof v !== 'object') return;
    const p = v as Partial<JsonPayload>;
    if (p.metadata && typeof p.metadata === 'object' && p.metadata.encoding === sealedEncoding) sealed.push(p as JsonPayload);
    else Object.values(v).forEach(walk);
  };
  walk(doc);
  if (sealed.length === 0) return history;
  const opened = await stackCodec().decode(
    sealed.map((p) => ({
      metadata: Object.fromEntries(Object.entries(p.metadata).map(([k, m]) => [k, Buffer.from(m, 'base64')])),
      data: Buffer.from(p.data ?? '', 'base64'),
    })),
  );
  sealed.forEach((p, i) => {
    p.metadata = Object.fromEntries(Object.entries(opened[i]?.metadata ?? {}).map(([k, m]) => [k, Buffer.from(m ?? new Uint8Array()).toString('base64')]));
    p.data = Buffer.from(opened[i]?.data ?? new Uint8Array()).toString('base64');
  });
  return JSON.stringify(doc);
}

/** The payloads of a history in JSON form, as text: raw (as the server stores them) or opened with the stack's payload codec. */
export async function payloadTexts(history: string, opened = false): Promise<string[]> {
  const payloads: { metadata: Record<string, Uint8Array>; data: Uint8Array }[] = [];
  JSON.parse(history, (_key, value: unknown) => {
    const v = value as { metadata?: Record<string, string>; data?: unknown };
    if (v && typeof v === 'object' && v.metadata && typeof v.data === 'string') {
      const metadata = Object.fromEntries(Object.entries(v.metadata).map(([k, m]) => [k, Buffer.from(m, 'base64')]));
      payloads.push({ metadata, data: Buffer.from(v.data, 'base64') });
    }
    return value;
  });
  const texts = opened ? await stackCodec().decode(payloads) : payloads;
  return texts.map((p) => Buffer.from(p.data ?? new Uint8Array()).toString('utf8'));
}

/** The complete history of a workflow of the test stack's Temporal, once it has closed, as JSON text, read raw (without the codec). */
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
