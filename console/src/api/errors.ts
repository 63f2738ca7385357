import type { CombinedError } from 'urql';

/** The API's own message (it is written for users), without urql's "[GraphQL]" prefix. */
export function errorMessage(error: CombinedError | undefined | null): string | null {
  if (!error) return null;
  if (error.graphQLErrors.length) return error.graphQLErrors.map((e) => e.message).join(' ');
  if (error.networkError) return 'The gateway cannot be reached right now; retrying…';
  return error.message.replace(/^\[\w+\]\s*/, '');
}
