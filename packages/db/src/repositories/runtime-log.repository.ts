// What running releases print and what happens to their instances: written by the worker's
// runtime collector (services/worker/src/background/runtime-collector.ts), read and streamed by
// the gateway. PostgreSQL-specific (ON CONFLICT, ILIKE, NOTIFY): raw SQL, kept in this file.
import { NOTIFY_CHANNELS } from '@paas/contracts';
import type { EntityManager } from 'typeorm';
import { sqlRows } from './sql-rows.js';

export interface NewRuntimeLine {
  appId: string;
  deploymentId: string | null;
  containerId: string;
  instance: string;
  stream: 'stdout' | 'stderr';
  /** The engine's timestamp in nanoseconds since the epoch (as a decimal string: beyond 2^53). */
  tsNs: string;
  /** Index among this container's lines of the same tsNs, from 0. */
  ord: number;
  line: string;
}

export interface RuntimeLine {
  id: string;
  timestamp: Date;
  stream: string;
  line: string;
  instance: string;
}

/** Where a container's stored log ends: its last timestamp and how many lines carry it. */
export interface RuntimeLogCursor {
  tsNs: string;
  linesAtTs: number;
}

export interface RuntimeLogNotice {
  appId: string;
  from: string;
  to: string;
}

export interface NewAppEvent {
  appId: string;
  deploymentId: string | null;
  at: Date;
  kind: string;
  message: string;
  /** Identifies the engine event (container, action, time): recorded once however many workers see it. */
  sourceKey: string;
}

export interface AppEventRow {
  at: Date;
  kind: string;
  message: string;
  deploymentId: string | null;
}

export interface RuntimeLogQuery {
  since?: Date;
  /** Plain text, case-insensitive; LIKE's wildcards are escaped. */
  search?: string;
  limit: number;
}

// one statement's batch: bounded so that one statement's memory stays small
const MAX_LINES_PER_INSERT = 5000;

/** `text` as a LIKE pattern that matches it literally anywhere (backslash is the escape). */
export function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export class RuntimeLogRepository {
  constructor(private readonly db: EntityManager) {}

  /** Stores the lines a collector read; a line stored before (same container, time, ordinal) is skipped. Announces what was new. */
  async append(lines: NewRuntimeLine[]): Promise<number> {
    let stored = 0;
    const byApp = new Map<string, { from: bigint; to: bigint }>();
    for (let i = 0; i < lines.length; i += MAX_LINES_PER_INSERT) {
      const chunk = lines.slice(i, i + MAX_LINES_PER_INSERT);
      // one array parameter per column (unnest): 9 parameters whatever the batch size, far cheaper to bind than 9 a row
      const rows = sqlRows<{ id: string; app_id: string }>(
        await this.db.query(
          `INSERT INTO runtime_log_lines (app_id, deployment_id, container_id, instance, stream, ts_ns, ord, timestamp, line, bytes)
           SELECT v.app_id, v.deployment_id, v.container_id, v.instance, v.stream, v.ts_ns, v.ord,
                  to_timestamp((v.ts_ns / 1000)::double precision / 1000000), v.line, v.bytes
             FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::int[], $8::text[], $9::int[])
                  AS v(app_id, deployment_id, container_id, instance, stream, ts_ns, ord, line, bytes)
            WHERE EXISTS (SELECT 1 FROM apps a WHERE a.id = v.app_id)
           ON CONFLICT ON CONSTRAINT runtime_log_lines_identity DO NOTHING RETURNING id, app_id`,
          [
            chunk.map((l) => l.appId),
            chunk.map((l) => l.deploymentId),
            chunk.map((l) => l.containerId),
            chunk.map((l) => l.instance),
            chunk.map((l) => l.stream),
            chunk.map((l) => l.tsNs),
            chunk.map((l) => l.ord),
            chunk.map((l) => l.line),
            chunk.map((l) => Buffer.byteLength(l.line)),
          ],
        ),
      );
      stored += rows.length;
      for (const r of rows) {
        const id = BigInt(r.id);
        const range = byApp.get(r.app_id);
        if (!range) byApp.set(r.app_id, { from: id, to: id });
        else {
          if (id < range.from) range.from = id;
          if (id > range.to) range.to = id;
        }
      }
    }
    for (const [appId, r] of byApp) {
      const notice: RuntimeLogNotice = { appId, from: r.from.toString(), to: r.to.toString() };
      await this.db.query('SELECT pg_notify($1, $2)', [NOTIFY_CHANNELS.runtimeLog, JSON.stringify(notice)]);
    }
    return stored;
  }

  /** Where the stored log of a container ends; null when nothing of it is stored. */
  async cursor(containerId: string): Promise<RuntimeLogCursor | null> {
    const [row] = sqlRows<{ ts_ns: string; n: string }>(
      await this.db.query(
        `SELECT ts_ns::text AS ts_ns, count(*)::text AS n FROM runtime_log_lines
          WHERE container_id = $1 AND ts_ns = (SELECT max(ts_ns) FROM runtime_log_lines WHERE container_id = $1)
          GROUP BY ts_ns`,
        [containerId],
      ),
    );
    return row ? { tsNs: row.ts_ns, linesAtTs: Number(row.n) } : null;
  }

  /** The newest `limit` lines matching, oldest first. */
  async query(appId: string, q: RuntimeLogQuery): Promise<RuntimeLine[]> {
    const where = ['app_id = $1'];
    const params: unknown[] = [appId];
    if (q.since) {
      params.push(q.since);
      where.push(`timestamp >= $${params.length}`);
    }
    if (q.search) {
      params.push(likeContains(q.search));
      where.push(`line ILIKE $${params.length} ESCAPE '\\'`);
    }
    params.push(q.limit);
    const rows = sqlRows<RawLine>(
      await this.db.query(
        `SELECT id::text AS id, timestamp, stream, line, instance FROM (
           SELECT * FROM runtime_log_lines WHERE ${where.join(' AND ')} ORDER BY ts_ns DESC, ord DESC, id DESC LIMIT $${params.length}
         ) t ORDER BY ts_ns, ord, id`,
        params,
      ),
    );
    return rows.map(toLine);
  }

  /** Lines of an app among the ids of one notice, in order. */
  async range(appId: string, from: string, to: string): Promise<RuntimeLine[]> {
    const rows = sqlRows<RawLine>(
      await this.db.query(
        `SELECT id::text AS id, timestamp, stream, line, instance FROM runtime_log_lines
          WHERE app_id = $1 AND id BETWEEN $2::bigint AND $3::bigint ORDER BY ts_ns, ord, id LIMIT 10000`,
        [appId, from, to],
      ),
    );
    return rows.map(toLine);
  }

  /** Last `n` lines a container printed, oldest first (a crash's context). */
  async lastOfContainer(containerId: string, n: number): Promise<string[]> {
    const rows = sqlRows<{ line: string }>(
      await this.db.query(
        `SELECT line FROM (SELECT line, ts_ns, ord FROM runtime_log_lines WHERE container_id = $1 ORDER BY ts_ns DESC, ord DESC LIMIT $2) t ORDER BY ts_ns, ord`,
        [containerId, n],
      ),
    );
    return rows.map((r) => r.line);
  }

  /** Records an event once; false when it was recorded already (another worker saw it too). */
  async recordEvent(e: NewAppEvent): Promise<boolean> {
    const rows = sqlRows<{ id: string }>(
      await this.db.query(
        `INSERT INTO app_events (app_id, deployment_id, at, kind, message, source_key)
         SELECT $1::uuid, $2::uuid, $3, $4, $5, $6 WHERE EXISTS (SELECT 1 FROM apps WHERE id = $1::uuid)
         ON CONFLICT (source_key) DO NOTHING RETURNING id`,
        [e.appId, e.deploymentId, e.at, e.kind, e.message, e.sourceKey],
      ),
    );
    return rows.length > 0;
  }

  /** Newest first. */
  async events(appId: string, limit: number): Promise<AppEventRow[]> {
    const rows = sqlRows<{ at: Date; kind: string; message: string; deployment_id: string | null }>(
      await this.db.query(`SELECT at, kind, message, deployment_id FROM app_events WHERE app_id = $1 ORDER BY at DESC, id DESC LIMIT $2`, [appId, limit]),
    );
    return rows.map((r) => ({ at: new Date(r.at), kind: r.kind, message: r.message, deploymentId: r.deployment_id }));
  }

  /** Time of the newest recorded event: where an event stream resumes after a restart. */
  async lastEventAt(): Promise<Date | null> {
    const [row] = sqlRows<{ at: Date | null }>(await this.db.query(`SELECT max(at) AS at FROM app_events`));
    return row?.at ? new Date(row.at) : null;
  }
}

interface RawLine {
  id: string;
  timestamp: Date;
  stream: string;
  line: string;
  instance: string;
}

function toLine(r: RawLine): RuntimeLine {
  return { id: r.id, timestamp: new Date(r.timestamp), stream: r.stream, line: r.line, instance: r.instance };
}
