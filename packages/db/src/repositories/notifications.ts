// The projection announces each change with PostgreSQL NOTIFY; the gateway turns the
// notifications into GraphQL subscription events. Both ends of the two channels, and the shape
// of their payloads, are here.
import { NOTIFY_CHANNELS, WORKER_PROBED_DEPENDENCIES, type WorkerProbedDependency } from '@paas/contracts';
import pg from 'pg';
import type { EntityManager } from 'typeorm';
import type { RuntimeLogNotice } from './runtime-log.repository.js';

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
  /** Runtime log lines of an app were stored (runtime-log.repository.ts). */
  onRuntimeLogs?(notice: RuntimeLogNotice): void;
  onError(err: Error): void;
}

/** Any database user may NOTIFY: a payload that is not a notice is dropped. */
export function parseRuntimeLogNotice(payload: string): RuntimeLogNotice | null {
  try {
    const v = JSON.parse(payload) as Record<string, unknown>;
    const ok = typeof v === 'object' && v !== null && typeof v.appId === 'string' && /^[0-9]{1,19}$/.test(String(v.from)) && /^[0-9]{1,19}$/.test(String(v.to));
    return ok ? { appId: v.appId as string, from: String(v.from), to: String(v.to) } : null;
  } catch {
    return null;
  }
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
    if (n.channel === NOTIFY_CHANNELS.runtimeLog && n.payload && listener.onRuntimeLogs) {
      const notice = parseRuntimeLogNotice(n.payload);
      if (notice) listener.onRuntimeLogs(notice);
    }
  });
  client.on('error', (err) => listener.onError(err));
  const close = () => client.end().catch(() => undefined);
  try {
    await client.connect();
    await client.query(`LISTEN ${NOTIFY_CHANNELS.deployment}`);
    await client.query(`LISTEN ${NOTIFY_CHANNELS.log}`);
    if (listener.onRuntimeLogs) await client.query(`LISTEN ${NOTIFY_CHANNELS.runtimeLog}`);
  } catch (err) {
    await close();
    throw err;
  }
  return { close };
}

/**
 * What one worker could reach at one moment (WORKER_PROBED_DEPENDENCIES). A gateway that runs
 * apart from the workers (on Kubernetes: on the pod network, without the Docker socket or the
 * edge's admin socket) reports these states in /healthz instead of probing them itself.
 */
export interface WorkerHealthReport {
  worker: string;
  states: Partial<Record<WorkerProbedDependency, 'up' | 'down'>>;
}

export async function notifyWorkerHealth(db: EntityManager, report: WorkerHealthReport): Promise<void> {
  await db.query('SELECT pg_notify($1, $2)', [NOTIFY_CHANNELS.workerHealth, JSON.stringify(report)]);
}

/** Any database user may NOTIFY: a payload that is not a report is dropped. */
export function parseWorkerHealthReport(payload: string): WorkerHealthReport | null {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { worker, states } = value as Record<string, unknown>;
  if (typeof worker !== 'string' || worker.length === 0 || worker.length > 200 || typeof states !== 'object' || states === null) return null;
  const clean: WorkerHealthReport['states'] = {};
  for (const dep of WORKER_PROBED_DEPENDENCIES) {
    const s = (states as Record<string, unknown>)[dep];
    if (s === 'up' || s === 'down') clean[dep] = s;
  }
  return { worker, states: clean };
}

/** A connection of its own that hands each well-formed worker health report to `onReport`. */
export async function listenToWorkerHealth(
  databaseUrl: string,
  onReport: (report: WorkerHealthReport) => void,
  onError: (err: Error) => void,
): Promise<{ close(): Promise<void> }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  client.on('notification', (n) => {
    const report = n.channel === NOTIFY_CHANNELS.workerHealth && n.payload ? parseWorkerHealthReport(n.payload) : null;
    if (report) onReport(report);
  });
  client.on('error', onError);
  const close = () => client.end().catch(() => undefined);
  try {
    await client.connect();
    await client.query(`LISTEN ${NOTIFY_CHANNELS.workerHealth}`);
  } catch (err) {
    await close();
    throw err;
  }
  return { close };
}
