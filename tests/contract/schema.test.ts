// The printed schema is committed, generated from the resolvers, and a non-breaking superset
// of the public contract (../shared/contract/schema.graphql).
import {
  buildClientSchema,
  buildSchema,
  findBreakingChanges,
  getIntrospectionQuery,
  lexicographicSortSchema,
  printSchema,
  type IntrospectionQuery,
} from 'graphql';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, inject, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const committed = readFileSync(join(root, 'graphql/schema.graphql'), 'utf8');

describe('GraphQL schema', () => {
  it('graphql/schema.graphql is what the resolvers print (run `npm run schema:print` after changing them)', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'schema-')), 'schema.graphql');
    const r = spawnSync(process.execPath, [join(root, 'services/gateway/dist/print-schema.js'), out], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(committed);
  });

  it('is the schema the running gateway serves (every resolver is printed)', async () => {
    const res = await fetch(`${inject('gatewayUrl')}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${inject('adminToken')}` },
      body: JSON.stringify({ query: getIntrospectionQuery() }),
    });
    const served = printSchema(lexicographicSortSchema(buildClientSchema(((await res.json()) as { data: IntrospectionQuery }).data)));
    expect(served).toBe(printSchema(lexicographicSortSchema(buildSchema(committed))));
  });

  const contractFile = join(root, '../shared/contract/schema.graphql');
  it.runIf(existsSync(contractFile))('is a non-breaking superset of the public contract', () => {
    const changes = findBreakingChanges(buildSchema(readFileSync(contractFile, 'utf8')), buildSchema(committed));
    expect(changes.map((c) => c.description)).toEqual([]);
  });

  const kubernetesFile = join(root, '../shared/contract/kubernetes.graphql');
  it.runIf(existsSync(contractFile) && existsSync(kubernetesFile))('is a non-breaking superset of the contract with its Kubernetes extension', () => {
    const contract = buildSchema(`${readFileSync(contractFile, 'utf8')}\n${readFileSync(kubernetesFile, 'utf8')}`);
    const changes = findBreakingChanges(contract, buildSchema(committed));
    expect(changes.map((c) => c.description)).toEqual([]);
  });
});
