// A deployment's log: lines numbered 1, 2, 3… per deployment, appended by the worker and read
// (and streamed, through NOTIFY) by the gateway. What may be stored (masking, the caps) is the
// caller's rule, decided under the deployment's row lock so that concurrent appends count right.
import type { LogStream } from '@paas/contracts';
import type { EntityManager } from 'typeorm';
import { MoreThan } from 'typeorm';
import { LogLineEntity } from '../entities/log-line.entity.js';
import { notifyLogsAppended } from './notifications.js';

export interface NewLogLine {
  stream: LogStream;
  line: string;
  timestamp?: Date;
}

/** What a deployment's log holds so far. */
export interface LogSize {
  bytes: number;
  /** The log reached its cap (and said so in a line). */
  truncated: boolean;
}

/** Given the log's size, the lines to store and the size after them. */
export type LogAdmission = (size: LogSize) => { lines: NewLogLine[]; size: LogSize };

/** null: the deployment does not exist (deleted with its app). */
export type LogAppendResult = null | { stored: number; truncated: boolean };

// a PostgreSQL statement takes at most 65,535 parameters (5 a line)
const MAX_LINES_PER_INSERT = 10_000;

export class LogLineRepository {
  constructor(private readonly db: EntityManager) {}

  /** Up to `limit` lines after `afterSeq`, in order. */
  page(deploymentId: string, afterSeq: number, limit: number): Promise<LogLineEntity[]> {
    return this.db.getRepository(LogLineEntity).find({ where: { deploymentId, seq: MoreThan(afterSeq) }, order: { seq: 'ASC' }, take: limit });
  }

  /**
   * Appends what `admit` lets in with strictly increasing seq numbers, then announces the range.
   * PostgreSQL-specific (row lock, counters updated with RETURNING): the one raw SQL of the log.
   */
  async append(deploymentId: string, admit: LogAdmission): Promise<LogAppendResult> {
    const result = await this.db.transaction(async (tx) => {
      const [row] = rowsOf(await tx.query(`SELECT log_bytes, log_truncated FROM deployments WHERE id = $1 FOR UPDATE`, [deploymentId]));
      if (!row) return null;
      const { lines, size } = admit({ bytes: Number(row.log_bytes), truncated: Boolean(row.log_truncated) });
      if (lines.length === 0) return { stored: 0, truncated: size.truncated };
      const [{ log_seq: last }] = rowsOf(
        await tx.query(`UPDATE deployments SET log_seq = log_seq + $2, log_bytes = $3, log_truncated = $4 WHERE id = $1 RETURNING log_seq`, [
          deploymentId,
          lines.length,
          size.bytes,
          size.truncated,
        ]),
      );
      const first = Number(last) - lines.length + 1;
      for (let i = 0; i < lines.length; i += MAX_LINES_PER_INSERT) await insertLines(tx, deploymentId, first + i, lines.slice(i, i + MAX_LINES_PER_INSERT));
      return { stored: lines.length, truncated: size.truncated, from: first, to: Number(last) };
    });
    if (result && result.stored > 0) await notifyLogsAppended(this.db, { deploymentId, from: result.from!, to: result.to! });
    return result && { stored: result.stored, truncated: result.truncated };
  }
}

async function insertLines(tx: EntityManager, deploymentId: string, firstSeq: number, lines: NewLogLine[]): Promise<void> {
  const values: unknown[] = [];
  const tuples = lines.map((e, i) => {
    values.push(deploymentId, firstSeq + i, e.timestamp ?? new Date(), e.stream, e.line);
    const b = i * 5;
    return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5})`;
  });
  await tx.query(`INSERT INTO log_lines (deployment_id, seq, timestamp, stream, line) VALUES ${tuples.join(',')}`, values);
}

/** TypeORM returns [rows, count] for an UPDATE … RETURNING on postgres, rows otherwise. */
function rowsOf(r: unknown): Record<string, unknown>[] {
  if (Array.isArray(r) && Array.isArray(r[0])) return r[0] as Record<string, unknown>[];
  return r as Record<string, unknown>[];
}
