// Errors a user can act on, with a code. graphql-errors.ts is the one place that turns
// them into GraphQL errors; anything else becomes a generic internal error.
export type DomainErrorCode =
  'BAD_USER_INPUT' | 'NOT_FOUND' | 'CONFLICT' | 'NOT_IMPLEMENTED' | 'UNAVAILABLE' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'QUOTA_EXCEEDED';

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string, id: string) => new DomainError('NOT_FOUND', `${what} ${id} does not exist.`);
