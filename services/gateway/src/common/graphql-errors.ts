// The one place where domain errors become GraphQL errors (extensions.code), and where
// unexpected errors are logged and hidden behind a generic message.
import { Logger } from '@nestjs/common';
import { ValidationError } from '@paas/contracts';
import { GraphQLError, type ExecutionResult } from 'graphql';
import { DomainError } from './domain-error.js';

const logger = new Logger('GraphQL');

export function toGraphQLError(err: GraphQLError): GraphQLError {
  const original = err.originalError;
  const make = (code: string, message: string, field?: string) =>
    new GraphQLError(message, { nodes: err.nodes, source: err.source, positions: err.positions, path: err.path, extensions: { code, ...(field ? { field } : {}) } });
  if (!original || original instanceof GraphQLError) {
    return err.extensions?.code ? err : make(err.path ? 'INTERNAL_SERVER_ERROR' : 'GRAPHQL_VALIDATION_FAILED', err.message);
  }
  if (original instanceof DomainError) return make(original.code, original.message);
  if (original instanceof ValidationError) return make('BAD_USER_INPUT', original.message, original.field);
  logger.error(`${err.path?.join('.') ?? 'request'}: ${original.stack ?? original.message}`);
  return make('INTERNAL_SERVER_ERROR', 'Internal error; see the gateway log.');
}

export function formatExecutionErrors(execution: ExecutionResult & { errors: readonly GraphQLError[] }) {
  const errors = execution.errors.map(toGraphQLError);
  const onlyValidation = execution.data === undefined && errors.every((e) => e.extensions.code === 'GRAPHQL_VALIDATION_FAILED');
  return {
    statusCode: onlyValidation ? 400 : 200,
    response: { data: execution.data ?? null, errors: errors.map((e) => e.toJSON()) },
  };
}
