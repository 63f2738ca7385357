// The one place where domain errors become GraphQL errors (extensions.code) with their HTTP
// status, and where unexpected errors are logged and hidden behind a generic message.
// GraphQL's own validation errors (and the query-cost rules') reach the client as they are, with
// the message naming the field: INTERNAL_SERVER_ERROR is only for real internal faults.
import { Logger } from '@nestjs/common';
import { ValidationError } from '@paas/contracts';
import { GraphQLError, type ExecutionResult } from 'graphql';
import { GateError } from '../auth/gate-error.js';
import { DomainError } from './domain-error.js';

const logger = new Logger('GraphQL');

/** mercurius wraps request-level failures (parse, validation, GET mutation, bad body) in one error with a code and `errors`. */
interface MercuriusRequestError extends Error {
  code: string;
  statusCode?: number;
  errors: unknown[];
}

function isMercuriusRequestError(e: unknown): e is MercuriusRequestError {
  const { code, errors } = (e ?? {}) as { code?: unknown; errors?: unknown };
  return e instanceof Error && typeof code === 'string' && code.startsWith('MER_ERR_') && Array.isArray(errors);
}

export function toGraphQLErrors(err: GraphQLError): GraphQLError[] {
  const original = err.originalError;
  if (isMercuriusRequestError(original)) {
    const code = original.code === 'MER_ERR_METHOD_NOT_ALLOWED' ? 'BAD_REQUEST' : 'GRAPHQL_VALIDATION_FAILED';
    // by name: mercurius may load another copy of graphql than ours (CJS and ESM builds)
    return original.errors.map((inner) =>
      inner instanceof Error && inner.name === 'GraphQLError'
        ? new GraphQLError(inner.message, {
            nodes: (inner as GraphQLError).nodes,
            source: (inner as GraphQLError).source,
            positions: (inner as GraphQLError).positions,
            extensions: { code },
          })
        : new GraphQLError(inner instanceof Error ? inner.message : String(inner), {
            extensions: { code: code === 'GRAPHQL_VALIDATION_FAILED' ? 'BAD_REQUEST' : code },
          }),
    );
  }
  return [toGraphQLError(err)];
}

export function toGraphQLError(err: GraphQLError): GraphQLError {
  const original = err.originalError;
  const make = (code: string, message: string, field?: string) =>
    new GraphQLError(message, {
      nodes: err.nodes,
      source: err.source,
      positions: err.positions,
      path: err.path,
      extensions: { code, ...(field ? { field } : {}) },
    });
  if (!original || original instanceof GraphQLError) {
    return err.extensions?.code ? err : make(err.path ? 'INTERNAL_SERVER_ERROR' : 'GRAPHQL_VALIDATION_FAILED', err.message);
  }
  if (original instanceof GateError) return make(original.code, original.message);
  if (original instanceof DomainError) return make(original.code, original.message);
  if (original instanceof ValidationError) return make('BAD_USER_INPUT', original.message, original.field);
  logger.error(`${err.path?.join('.') ?? 'request'}: ${original.stack ?? original.message}`);
  return make('INTERNAL_SERVER_ERROR', 'Internal error; see the gateway log.');
}

/** The code a client sees for an error a resolver threw (the audit log records it as the result). */
export function errorCodeOf(err: unknown): string {
  if (err instanceof GateError || err instanceof DomainError) return err.code;
  if (err instanceof ValidationError) return 'BAD_USER_INPUT';
  if (err instanceof GraphQLError && typeof err.extensions?.code === 'string') return err.extensions.code;
  return 'INTERNAL_SERVER_ERROR';
}

const STATUS_OF_CODE: Record<string, number> = { UNAUTHENTICATED: 401, RATE_LIMITED: 429, GRAPHQL_VALIDATION_FAILED: 400, BAD_REQUEST: 400 };

interface FormatterContext {
  reply?: { header(name: string, value: string): unknown };
}

export function formatExecutionErrors(execution: ExecutionResult & { errors: readonly GraphQLError[] }, context?: FormatterContext) {
  const errors = execution.errors.flatMap(toGraphQLErrors);
  // an operation refused as a whole (no data) answers with the status of its first refusal
  const refusal =
    execution.data === undefined || execution.data === null ? errors.map((e) => STATUS_OF_CODE[String(e.extensions.code)]).find(Boolean) : undefined;
  if (refusal === 429) {
    const wait = execution.errors.map((e) => e.originalError).find((o): o is GateError => o instanceof GateError)?.retryAfterSeconds;
    if (wait) context?.reply?.header('retry-after', String(wait));
  }
  if (refusal === 401) context?.reply?.header('www-authenticate', 'Bearer');
  return {
    statusCode: refusal ?? 200,
    response: { data: execution.data ?? null, errors: errors.map((e) => e.toJSON()) },
  };
}
