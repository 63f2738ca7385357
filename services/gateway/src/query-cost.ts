// Query-cost limits (GraphQL Armor validation rules), applied to every operation before it runs.
// The defaults let the console's real operations through with room to spare (the deepest,
// `app { deployments { steps { … } } }`, is 4 levels; see query-cost.test.ts) and refuse
// abusive documents during validation, before any resolver runs.
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { GraphQLError, type ValidationContext, type ValidationRule } from 'graphql';

export interface QueryCostLimits {
  maxDepth: number;
  maxAliases: number;
  maxCost: number;
}

export const DEFAULT_QUERY_COST_LIMITS: QueryCostLimits = { maxDepth: 8, maxAliases: 30, maxCost: 5000 };

export function queryCostLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): QueryCostLimits {
  return {
    maxDepth: positiveInt(env.PAAS_GRAPHQL_MAX_DEPTH, DEFAULT_QUERY_COST_LIMITS.maxDepth),
    maxAliases: positiveInt(env.PAAS_GRAPHQL_MAX_ALIASES, DEFAULT_QUERY_COST_LIMITS.maxAliases),
    maxCost: positiveInt(env.PAAS_GRAPHQL_MAX_COST, DEFAULT_QUERY_COST_LIMITS.maxCost),
  };
}

// Armor throws by default, which would hide the other validation errors; reported instead, they
// arrive like any validation error. Its messages start with a misleading "Syntax Error: ".
const asValidationError = {
  propagateOnRejection: false,
  onReject: [(context: ValidationContext | null, err: GraphQLError) => context?.reportError(new GraphQLError(err.message.replace(/^Syntax Error: /, '')))],
  // the client learns the limit it hit, which it needs to fix its query
  exposeLimits: true,
};

export function queryCostRules(limits: QueryCostLimits): ValidationRule[] {
  return [
    maxDepthRule({ n: limits.maxDepth, flattenFragments: true, ...asValidationError }),
    maxAliasesRule({ n: limits.maxAliases, ...asValidationError }),
    costLimitRule({ maxCost: limits.maxCost, ...asValidationError }),
  ] as ValidationRule[];
}

function positiveInt(raw: string | undefined, fallback: number): number {
  const n = Number(raw);
  return raw && Number.isInteger(n) && n > 0 ? n : fallback;
}
