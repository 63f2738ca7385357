// GraphQL (mercurius) options of the running gateway: the gate (auth on every transport), the
// query-cost limits, and the error formatter.
import type { MercuriusDriverConfig } from '@nestjs/mercurius';
import { MercuriusDriver } from '@nestjs/mercurius';
import { graphqlGate } from './auth/graphql-gate.js';
import type { CredentialLookup } from './auth/principal.js';
import { formatExecutionErrors } from './common/graphql-errors.js';
import { queryCostLimitsFromEnv, queryCostRules } from './query-cost.js';

export function graphqlOptions(adminToken: string, env: NodeJS.ProcessEnv = process.env, lookup?: CredentialLookup): MercuriusDriverConfig {
  const validationRules = queryCostRules(queryCostLimitsFromEnv(env));
  const gate = graphqlGate({ adminToken, validationRules, lookup });
  return {
    driver: MercuriusDriver,
    autoSchemaFile: true,
    sortSchema: true,
    graphiql: false,
    path: '/graphql',
    // one operation per request: a batch would multiply what one request may cost
    allowBatchedQueries: false,
    validationRules,
    context: gate.context,
    hooks: gate.hooks,
    subscription: {
      onConnect: gate.onConnect,
      keepAlive: 15_000,
    },
    errorFormatter: formatExecutionErrors,
  };
}
