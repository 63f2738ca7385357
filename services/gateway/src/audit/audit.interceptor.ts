// The one place that sees every GraphQL mutation and its outcome: a global interceptor around the
// Mutation resolvers (Nest runs it around the argument pipes too, so a refused input is recorded).
// Queries and field resolvers pass through untouched.
import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { GqlExecutionContext, type GqlContextType } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { from, lastValueFrom, type Observable } from 'rxjs';
import type { GateContext } from '../auth/graphql-gate.js';
import { AuditService } from './audit.service.js';

@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(@Inject(AuditService) private readonly audit: AuditService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType<GqlContextType>() !== 'graphql') return next.handle();
    const gql = GqlExecutionContext.create(context);
    const info = gql.getInfo<GraphQLResolveInfo>();
    if (info.parentType.name !== 'Mutation') return next.handle();
    const args: Record<string, unknown> = gql.getArgs() ?? {};
    return from(this.audit.around(info.fieldName, args, gql.getContext<GateContext>(), () => lastValueFrom(next.handle())));
  }
}
