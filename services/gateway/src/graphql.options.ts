// GraphQL (mercurius) options shared by the running gateway and the schema printer.
import type { MercuriusDriverConfig } from '@nestjs/mercurius';
import { MercuriusDriver } from '@nestjs/mercurius';
import { subscriptionOnConnect } from './auth/graphql-auth.js';
import { formatExecutionErrors } from './common/graphql-errors.js';

export function graphqlOptions(adminToken: string): MercuriusDriverConfig {
  return {
    driver: MercuriusDriver,
    autoSchemaFile: true,
    sortSchema: true,
    graphiql: false,
    path: '/graphql',
    subscription: {
      onConnect: subscriptionOnConnect(adminToken),
      keepAlive: 15_000,
    },
    errorFormatter: formatExecutionErrors as MercuriusDriverConfig['errorFormatter'],
  };
}
