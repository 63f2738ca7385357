// Records mutations and sign-ins in the audit log, and lists a team's log for those the policy
// lets read it. Who the actor is comes from the principal, never from what the caller claims,
// except for a sign-in or sign-up, whose actor is the email it gave.
import { Inject, Injectable, Logger } from '@nestjs/common';
import { Database } from '@paas/db';
import type { GateContext } from '../auth/graphql-gate.js';
import type { Principal } from '../auth/principal.js';
import { DomainError } from '../common/domain-error.js';
import { errorCodeOf } from '../common/graphql-errors.js';
import { PolicyService } from '../policy/policy.service.js';
import { toAuditEventModel, type AuditEventModel } from './audit-event.model.js';
import { subjectAfter, subjectBefore, type AuditSubject } from './audit-subject.js';

/** The mutations whose actor, without a credential, is the email they were given. */
const SIGN_INS = new Set(['signIn', 'signUp']);
export const MAX_AUDIT_LIMIT = 500;

@Injectable()
export class AuditService {
  private readonly logger = new Logger('Audit');

  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(PolicyService) private readonly policy: PolicyService,
  ) {}

  /** Runs a mutation and records it with its outcome; the audit itself never changes that outcome. */
  async around<T>(action: string, args: Record<string, unknown>, ctx: GateContext, run: () => Promise<T>): Promise<T> {
    const before = await this.safely(action, () => subjectBefore(this.db, action, args), { targetId: null, teamId: null });
    try {
      const result = await run();
      await this.record(action, args, ctx, subjectAfter(action, before, result), 'ok');
      return result;
    } catch (err) {
      await this.record(action, args, ctx, before, errorCodeOf(err));
      throw err;
    }
  }

  /**
   * A sign-in that does not go through a mutation (a forge's callback): recorded like signIn, in
   * the log of the account's personal team, with the email as the actor.
   */
  async recordSignIn(action: string, email: string | null, result: string, address: string | null): Promise<void> {
    await this.safely(
      action,
      async () => {
        const teamId = email ? await this.personalTeamOf(email) : null;
        await this.db.auditEvents.insert({ actor: email ?? 'anonymous', action, targetId: null, teamId, result, address });
      },
      undefined,
    );
  }

  /** A team's events, newest first: its OWNER and ADMIN (and platform admins) only. */
  async list(p: Principal | null | undefined, teamId: string, limit: number): Promise<AuditEventModel[]> {
    await this.policy.team(p, teamId, 'readAudit');
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_AUDIT_LIMIT)
      throw new DomainError('BAD_USER_INPUT', `limit must be a whole number from 1 to ${MAX_AUDIT_LIMIT}.`);
    return (await this.db.auditEvents.ofTeam(teamId, limit)).map(toAuditEventModel);
  }

  private async record(action: string, args: Record<string, unknown>, ctx: GateContext, subject: AuditSubject, result: string): Promise<void> {
    await this.safely(
      action,
      async () => {
        const signInEmail = SIGN_INS.has(action) && typeof args.email === 'string' ? args.email.trim().toLowerCase() : null;
        const actor = ctx.principal ? await this.actorOf(ctx.principal) : (signInEmail ?? 'anonymous');
        const teamId = subject.teamId ?? (signInEmail ? await this.personalTeamOf(signInEmail) : null);
        const request = ctx.reply?.request ?? ctx.request;
        await this.db.auditEvents.insert({ actor, action, targetId: subject.targetId, teamId, result, address: request?.ip ?? null });
      },
      undefined,
    );
  }

  private async actorOf(p: Principal): Promise<string> {
    if (p.kind === 'admin') return 'admin';
    if (p.kind === 'token') return (await this.db.apiTokens.findById(p.tokenId))?.name ?? p.tokenId;
    return (await this.db.users.findById(p.userId))?.email ?? p.userId;
  }

  /** A sign-in (failed too) shows in the log of the account's personal team; an unknown email in none. */
  private async personalTeamOf(email: string): Promise<string | null> {
    if (email.length > 320) return null;
    const user = await this.db.users.findByEmail(email);
    if (!user) return null;
    const teams = await this.db.teams.ofUser(user.id);
    return teams.find((m) => m.team.personal && m.role === 'OWNER')?.team.id ?? null;
  }

  // the log must not turn a mutation that worked into a failure; a failure to record is logged (names only)
  private async safely<T>(action: string, work: () => Promise<T>, fallback: T): Promise<T> {
    try {
      return await work();
    } catch (err) {
      // the error's code only: a database error's message may quote a value
      const { code, name } = err as { code?: unknown; name?: unknown };
      this.logger.error(`could not record ${action}: ${String(code ?? name)}`);
      return fallback;
    }
  }
}
