import { describe, expect, it } from 'vitest';
import { isPublicSource } from './public-operations.js';

describe('operations a caller without a credential may run', () => {
  it('are the session mutations alone', () => {
    expect(isPublicSource('mutation { signIn(email: "a@b.co", password: "x") { accessToken } }')).toBe(true);
    expect(isPublicSource('mutation M($t: String!) { refreshSession(refreshToken: $t) { accessToken } }')).toBe(true);
    expect(isPublicSource('mutation { signOut(refreshToken: "x") }')).toBe(true);
  });

  it('are not queries, other mutations, mixes, fragments, several operations or junk', () => {
    for (const doc of [
      '{ apps { id } }',
      'query { me { id } }',
      'mutation { deleteApp(id: "x") }',
      'mutation { signIn(email: "a", password: "b") { accessToken } deleteApp(id: "x") }',
      'mutation { ...F } fragment F on Mutation { signOut(refreshToken: "x") }',
      'mutation { ... on Mutation { signOut(refreshToken: "x") } }',
      'mutation A { signOut(refreshToken: "x") } mutation B { signOut(refreshToken: "y") }',
      'subscription { deploymentUpdated(appId: "x") { id } }',
      'mutation {',
      '',
    ])
      expect([doc, isPublicSource(doc)]).toEqual([doc, false]);
    expect(isPublicSource({ kind: 'Document', definitions: [] })).toBe(false);
  });
});
