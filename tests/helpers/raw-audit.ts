// Raw reads of the audit log's table, for what the contract does not show (the caller's address,
// events of no team) and for proofs that no argument value was ever stored.
import { createDataSource } from '@paas/db';
import { inject } from 'vitest';

/** The stored audit rows matching `where` (SQL over audit_events, with $n parameters), oldest first. */
export async function rawAuditEvents(where: string, params: unknown[]): Promise<Record<string, unknown>[]> {
  const source = await createDataSource(inject('databaseUrl'), { poolSize: 1 }).initialize();
  try {
    return await source.query(`SELECT * FROM audit_events WHERE ${where} ORDER BY at`, params);
  } finally {
    await source.destroy();
  }
}
