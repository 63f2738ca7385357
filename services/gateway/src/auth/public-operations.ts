// The only operations a caller without a credential may run: the mutations that obtain or end a
// session. Anything else in the same document (a second operation, a fragment, another field)
// makes the whole document need a credential.
import type { DocumentNode } from 'graphql';
import { createRequire } from 'node:module';

const PUBLIC_MUTATIONS = new Set(['signUp', 'signIn', 'refreshSession', 'signOut', '__typename']);

// the same copy of graphql as mercurius (see graphql-gate.ts)
const { parse } = createRequire(import.meta.url)('graphql') as typeof import('graphql');

export function isPublicOperation(document: DocumentNode): boolean {
  if (document.definitions.length !== 1) return false;
  const [op] = document.definitions;
  if (op.kind !== 'OperationDefinition' || op.operation !== 'mutation') return false;
  return op.selectionSet.selections.every((s) => s.kind === 'Field' && PUBLIC_MUTATIONS.has(s.name.value));
}

export function isPublicSource(source: unknown): boolean {
  if (typeof source !== 'string') return false;
  try {
    return isPublicOperation(parse(source, { noLocation: true, maxTokens: 2000 }));
  } catch {
    return false;
  }
}
