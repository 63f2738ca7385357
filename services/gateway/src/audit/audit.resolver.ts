import { Inject } from '@nestjs/common';
import { Args, Context, ID, Int, Query, Resolver } from '@nestjs/graphql';
import type { GateContext } from '../auth/graphql-gate.js';
import { AuditEventModel } from './audit-event.model.js';
import { AuditService } from './audit.service.js';

@Resolver(() => AuditEventModel)
export class AuditResolver {
  constructor(@Inject(AuditService) private readonly audit: AuditService) {}

  @Query(() => [AuditEventModel], { description: 'Newest first.' })
  auditEvents(
    @Args('teamId', { type: () => ID }) teamId: string,
    @Args('limit', { type: () => Int, nullable: true, defaultValue: 50 }) limit: number | null,
    @Context() ctx: GateContext,
  ): Promise<AuditEventModel[]> {
    return this.audit.list(ctx.principal, teamId, limit ?? 50);
  }
}
