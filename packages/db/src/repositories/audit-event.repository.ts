// The audit log: appended to by the gateway, listed per team, pruned by retention.
import type { EntityManager } from 'typeorm';
import { AuditEventEntity } from '../entities/audit-event.entity.js';

export interface NewAuditEvent {
  actor: string;
  action: string;
  targetId: string | null;
  teamId: string | null;
  result: string;
  address: string | null;
}

// bounds on what a caller can make us store: ids and names are short, anything longer is hostile
const MAX = { actor: 320, action: 100, targetId: 100, result: 100, address: 100 };
const cut = (s: string, n: number) => (s.length > n ? s.slice(0, n) : s);

export class AuditEventRepository {
  constructor(private readonly db: EntityManager) {}

  async insert(e: NewAuditEvent): Promise<void> {
    await this.db.query(`INSERT INTO audit_events (actor, action, target_id, team_id, result, address) VALUES ($1, $2, $3, $4, $5, $6)`, [
      cut(e.actor, MAX.actor),
      cut(e.action, MAX.action),
      e.targetId === null ? null : cut(e.targetId, MAX.targetId),
      e.teamId,
      cut(e.result, MAX.result),
      e.address === null ? null : cut(e.address, MAX.address),
    ]);
  }

  /** A team's events, newest first. */
  ofTeam(teamId: string, limit: number): Promise<AuditEventEntity[]> {
    return this.db.getRepository(AuditEventEntity).find({ where: { teamId }, order: { at: 'DESC', id: 'DESC' }, take: limit });
  }
}
