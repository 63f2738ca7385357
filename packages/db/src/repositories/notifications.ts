// The projection announces each change with PostgreSQL NOTIFY; the gateway turns the
// notifications into GraphQL subscription events. Both ends of the two channels, and the shape
// of their payloads, are here.
import { NOTIFY_CHANNELS } from '@paas/contracts';
import pg from 'pg';
import type { EntityManager } from 'typeorm';

/** Log lines `from`..`to` (inclusive) of a deployment were stored. */
export interface LogNotice {
  deploymentId: string;
  from: number;
  to: number;
}

export async function notifyDeploymentChanged(db: EntityManager, deploymentId: string): Promise<void> {
  await db.query('SELECT pg_notify($1, $2)', [NOTIFY_CHANNELS.deployment, deploymentId]);
}

export async function notifyLogsAppended(db: EntityManager, notice: LogNotice): Promise<void> {
  await db.query('SELECT pg_notify($1, $2)', [NOTIFY_CHANNELS.log, JSON.stringify(notice)]);
}

export interface ProjectionListener {
  onDeployment(deploymentId: string): void;
  onLogs(notice: LogNotice): void;
  onError(err: Error): void;
}

/**
 * One connection of its own (a pooled one would be handed back and lose its LISTEN) that
 * delivers both channels' notifications. Resolves once it listens; the caller ends it.
 */
export async function listenToProjection(databaseUrl: string, listener: ProjectionListener): Promise<{ close(): Promise<void> }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  client.on('notification', (n) => {
    if (n.channel === NOTIFY_CHANNELS.deployment && n.payload) listener.onDeployment(n.payload);
    if (n.channel === NOTIFY_CHANNELS.log && n.payload) listener.onLogs(JSON.parse(n.payload) as LogNotice);
  });
  client.on('error', (err) => listener.onError(err));
  const close = () => client.end().catch(() => undefined);
  try {
    await client.connect();
    await client.query(`LISTEN ${NOTIFY_CHANNELS.deployment}`);
    await client.query(`LISTEN ${NOTIFY_CHANNELS.log}`);
  } catch (err) {
    await close();
    throw err;
  }
  return { close };
}
