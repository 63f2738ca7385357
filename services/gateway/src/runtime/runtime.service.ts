import { Inject, Injectable } from '@nestjs/common';
import { Database } from '@paas/db';
import type { AppEventModel, RuntimeLogLineModel } from './runtime.model.js';
import { eventLimit, runtimeLogArgs } from './runtime-query.js';

@Injectable()
export class RuntimeService {
  constructor(@Inject(Database) private readonly db: Database) {}

  /** The caller checked the app's read permission. */
  async logs(appId: string, raw: { since?: Date | null; search?: string | null; limit?: number | null }): Promise<RuntimeLogLineModel[]> {
    return (await this.db.runtime.query(appId, runtimeLogArgs(raw))).map(toLineModel);
  }

  /** Lines of one notice's id range (the live subscription). */
  async range(appId: string, from: string, to: string): Promise<(RuntimeLogLineModel & { id: string })[]> {
    return (await this.db.runtime.range(appId, from, to)).map((l) => ({ ...toLineModel(l), id: l.id }));
  }

  async events(appId: string, limit: number | null | undefined): Promise<AppEventModel[]> {
    return this.db.runtime.events(appId, eventLimit(limit));
  }
}

function toLineModel(l: { timestamp: Date; stream: string; line: string; instance: string }): RuntimeLogLineModel {
  return { timestamp: l.timestamp, stream: l.stream, line: l.line, instance: l.instance };
}
