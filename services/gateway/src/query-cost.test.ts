// The query-cost defaults: every operation the console sends passes them, and abusive documents
// (12-deep nesting, 3,000 aliases, a huge field fan-out) are refused during validation, fast.
import { buildSchema, parse, validate, specifiedRules } from 'graphql';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_QUERY_COST_LIMITS, queryCostLimitsFromEnv, queryCostRules } from './query-cost.js';

const root = new URL('../../../', import.meta.url);
const schema = buildSchema(readFileSync(new URL('graphql/schema.graphql', root), 'utf8'));
const rules = [...specifiedRules, ...queryCostRules(DEFAULT_QUERY_COST_LIMITS)];
const check = (query: string) => validate(schema, parse(query), rules).map((e) => e.message);

function consoleOperations(): string[] {
  const source = readFileSync(new URL('console/src/api/operations.ts', root), 'utf8');
  return [...source.matchAll(/graphql\(`([\s\S]*?)`\)/g)].map((m) => m[1]);
}

export function nested(depth: number): string {
  // apps → liveDeployment → app → liveDeployment … : the schema's cycle lets a caller nest without bound
  const wrappers = Array.from({ length: depth - 2 }, (_, i) => (i % 2 === 0 ? 'liveDeployment' : 'app'));
  return `{ apps { ${wrappers.map((w) => `${w} { `).join('')}id${' }'.repeat(wrappers.length)} } }`;
}

export const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: apps { id }`).join(' ')} }`;

describe('query cost limits', () => {
  it('let every console operation through', () => {
    const ops = consoleOperations();
    expect(ops.length).toBeGreaterThan(10);
    for (const op of ops) expect(check(op), op).toEqual([]);
  });

  it('let a query at the depth limit through and refuse one level more', () => {
    expect(check(nested(DEFAULT_QUERY_COST_LIMITS.maxDepth))).toEqual([]);
    expect(check(nested(DEFAULT_QUERY_COST_LIMITS.maxDepth + 1)).join()).toMatch(/depth limit of 8/i);
  });

  it('refuse a 12-deep nesting and 3,000 aliases in well under a second', () => {
    for (const query of [nested(12), aliases(3000)]) {
      const started = performance.now();
      const errors = check(query);
      expect(performance.now() - started).toBeLessThan(1000);
      expect(errors.length).toBeGreaterThan(0);
    }
    expect(check(aliases(3000)).join()).toMatch(/Aliases limit of 30 exceeded/);
  });

  it('refuse a wide fan-out by cost even within depth and alias limits', () => {
    const wide = `{ apps { ${Array.from({ length: 400 }, () => 'liveDeployment { id status error app { id name url gitUrl } }').join(' ')} } }`;
    expect(check(wide).join()).toMatch(/cost/i);
  });

  it('read their limits from the environment, ignoring nonsense', () => {
    expect(queryCostLimitsFromEnv({ PAAS_GRAPHQL_MAX_DEPTH: '12', PAAS_GRAPHQL_MAX_ALIASES: 'x', PAAS_GRAPHQL_MAX_COST: '-1' })).toEqual({
      maxDepth: 12,
      maxAliases: DEFAULT_QUERY_COST_LIMITS.maxAliases,
      maxCost: DEFAULT_QUERY_COST_LIMITS.maxCost,
    });
  });
});
