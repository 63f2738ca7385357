// The one gate: authentication is decided where GraphQL operations execute, not by matching URL
// strings or headers. Every HTTP operation (GET, POST, whatever the path spelling or request
// target form that fastify routed to mercurius) gets its principal from the context function and
// is refused before parsing without one; a WebSocket gets its principal from connection_init and
// each subscribe is refused without one. The checks before parsing are repeated before execution
// because mercurius skips the parsing hooks for a pre-parsed document.
import type { MercuriusDriverConfig } from '@nestjs/mercurius';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { GraphQLSchema, DocumentNode, ValidationRule } from 'graphql';
import { createRequire } from 'node:module';
import { recordFailedAuth } from './failed-auth-throttle.js';
import { tooManyFailures, unauthenticated } from './gate-error.js';
import { credentialOfConnectionPayload, resolvePrincipal, type CredentialLookup, type Principal } from './principal.js';
import { isPublicOperation, isPublicSource } from './public-operations.js';

export interface GateContext {
  principal: Principal | null;
  /** Whether the request carried an Authorization header: without one, only public operations run. */
  credentialPresented?: boolean;
  reply?: FastifyReply;
  request?: FastifyRequest;
}

export interface GateOptions {
  adminToken: string;
  /** Cost rules (depth, aliases, cost); mercurius applies them on HTTP, the gate on subscriptions. */
  validationRules: ValidationRule[];
  /** Sessions and API tokens; without it only the admin token is a credential. */
  lookup?: CredentialLookup;
}

type GateOptionsOut = Pick<MercuriusDriverConfig, 'hooks'> & {
  context: (req: FastifyRequest) => Promise<{ principal: Principal | null; credentialPresented: boolean }>;
  onConnect: (data: { payload?: unknown }) => Promise<false | { principal: Principal }>;
};

export function graphqlGate({ adminToken, validationRules, lookup }: GateOptions): GateOptionsOut {
  const refuse = async (req: FastifyRequest | undefined): Promise<never> => {
    if (req) {
      const { limited, retryAfterSeconds } = await recordFailedAuth(req);
      if (limited) throw tooManyFailures(retryAfterSeconds);
    }
    throw unauthenticated();
  };
  // the first hook that throws ends the operation, so each refused operation counts once
  const requireHttpPrincipal = async (context: GateContext, isPublic: () => boolean) => {
    if (context.principal) return;
    if (!context.credentialPresented && isPublic()) return;
    await refuse(context.reply?.request);
  };
  const requireWsPrincipal = (context: GateContext) => {
    if (!context.principal) throw unauthenticated();
  };

  return {
    context: async (req: FastifyRequest) => ({
      principal: await resolvePrincipal(req.headers.authorization, adminToken, lookup),
      credentialPresented: req.headers.authorization !== undefined,
    }),
    hooks: {
      preParsing: async (_schema, source, context) => requireHttpPrincipal(context as unknown as GateContext, () => isPublicSource(source)),
      preExecution: async (_schema, document, context) => {
        await requireHttpPrincipal(context as unknown as GateContext, () => isPublicOperation(document));
      },
      preSubscriptionParsing: async (_schema, _source, context) => requireWsPrincipal(context as unknown as GateContext),
      preSubscriptionExecution: async (schema, document, context) => {
        requireWsPrincipal(context as unknown as GateContext);
        // mercurius does not validate subscription documents: apply the same rules as on HTTP
        validateOrThrow(schema, document, validationRules);
      },
    },
    // `this` is mercurius's SubscriptionConnection: its context holds the upgrade request, whose
    // address the failure is counted against (onConnect itself only receives the message)
    onConnect: async function (this: { context?: { request?: FastifyRequest } } | undefined, data) {
      const principal = await resolvePrincipal(credentialOfConnectionPayload(data?.payload), adminToken, lookup).catch(() => null);
      if (principal) return { principal };
      await refuse(this?.context?.request).catch(() => undefined);
      return false;
    },
  };
}

// the schema is built by mercurius (CommonJS): validate with its copy of graphql, not whichever
// copy an ESM import resolves to (a test runner may load the ESM build)
const { validate, specifiedRules } = createRequire(import.meta.url)('graphql') as typeof import('graphql');

function validateOrThrow(schema: GraphQLSchema, document: DocumentNode, rules: ValidationRule[]): void {
  const errors = validate(schema, document, [...specifiedRules, ...rules]);
  if (errors.length > 0) throw errors[0];
}
