// The gate on a bare mercurius server (no database, no Temporal): which operations reach a
// resolver, what a refused caller gets back, and that only failures are throttled.
import Fastify, { type FastifyInstance } from 'fastify';
import mercurius from 'mercurius';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { formatExecutionErrors } from '../common/graphql-errors.js';
import { queryCostRules, DEFAULT_QUERY_COST_LIMITS } from '../query-cost.js';
import { registerFailedAuthThrottle } from './failed-auth-throttle.js';
import { graphqlGate } from './graphql-gate.js';

type GqlBody = { errors: { message: string; extensions: { code: string } }[] };

const TOKEN = 'paas_test-token';
const schema = `
  type Query { secret: String! }
  type Mutation { touch: Int! }
  type Subscription { ticks: Int! }
`;

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function server(max = 3) {
  let touched = 0;
  app = Fastify();
  await registerFailedAuthThrottle(app, { max, windowMs: 60_000 });
  const validationRules = queryCostRules(DEFAULT_QUERY_COST_LIMITS);
  const gate = graphqlGate({ adminToken: TOKEN, validationRules });
  await app.register(mercurius, {
    schema,
    resolvers: {
      Query: { secret: () => 'the secret' },
      Mutation: { touch: () => ++touched },
      Subscription: { ticks: { subscribe: async (_root: unknown, _args: unknown, { pubsub }: any) => pubsub.subscribe('TICK') } },
    } as never,
    validationRules,
    context: gate.context as never,
    subscription: { onConnect: gate.onConnect as never },
    errorFormatter: formatExecutionErrors,
  });
  for (const [name, fn] of Object.entries(gate.hooks ?? {})) app.graphql.addHook(name as never, fn as never);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address() as { port: number };
  return { url: `http://127.0.0.1:${address.port}/graphql`, touched: () => touched, app };
}

const post = (url: string, query: string, authorization?: string) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) }, body: JSON.stringify({ query }) });

function wsInit(url: string, payload: unknown, then: unknown[] = []): Promise<{ received: any[] }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url.replace(/^http/, 'ws'), 'graphql-transport-ws');
    const received: any[] = [];
    const timer = setTimeout(() => ws.close(), 1_500);
    ws.on('open', () => [{ type: 'connection_init', payload }, ...then].forEach((m) => ws.send(JSON.stringify(m))));
    ws.on('message', (d) => received.push(JSON.parse(String(d))));
    ws.on('close', () => {
      clearTimeout(timer);
      resolve({ received });
    });
    ws.on('error', reject);
  });
}

describe('the GraphQL gate', () => {
  it('runs an operation with the admin token, and refuses one without it before anything runs', async () => {
    const s = await server(10);
    const ok = await post(s.url, 'mutation { touch }', `Bearer ${TOKEN}`);
    expect(await ok.json()).toEqual({ data: { touch: 1 } });
    for (const auth of [undefined, `Bearer ${TOKEN}x`, TOKEN, `bearer  ${TOKEN} extra`]) {
      const refused = await post(s.url, 'mutation { touch }', auth);
      expect(refused.status).toBe(401);
      expect(refused.headers.get('www-authenticate')).toBe('Bearer');
      expect(await refused.json()).toMatchObject({ data: null, errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
    }
    expect(s.touched()).toBe(1);
  });

  it('refuses GET, a pre-parsed document and a percent-encoded path the same way', async () => {
    const s = await server(100);
    expect((await fetch(`${s.url}?query=${encodeURIComponent('{ secret }')}`)).status).toBe(401);
    const ast = await fetch(s.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: { kind: 'Document', definitions: [] } }),
    });
    expect(((await ast.json()) as { data?: unknown }).data ?? null).toBeNull();
    const encoded = await fetch(s.url.replace('/graphql', '/%67raphql'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'mutation { touch }' }),
    });
    expect([401, 404]).toContain(encoded.status);
    expect(s.touched()).toBe(0);
  });

  it('answers 429 after `max` failures from one address; the right token still works', async () => {
    const s = await server(3);
    for (let i = 0; i < 3; i++) expect((await post(s.url, '{ secret }', 'Bearer nope')).status).toBe(401);
    const limited = await post(s.url, '{ secret }', 'Bearer nope');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await limited.json()) as GqlBody).errors[0].extensions.code).toBe('RATE_LIMITED');
    for (let i = 0; i < 10; i++) expect((await post(s.url, '{ secret }', `Bearer ${TOKEN}`)).status).toBe(200);
  });

  it('refuses a WebSocket without the token, counts it as a failure, and accepts the token in connection_init', async () => {
    const s = await server(3);
    for (const payload of [undefined, {}, { authorization: 'Bearer nope' }, 'junk']) {
      const { received } = await wsInit(s.url, payload, [{ id: '1', type: 'subscribe', payload: { query: 'subscription { ticks }' } }]);
      expect(received.map((m) => m.type)).not.toContain('connection_ack');
      expect(received.map((m) => m.type)).not.toContain('next');
    }
    // four WebSocket failures from this address: the next HTTP failure is over the limit
    expect((await post(s.url, '{ secret }', 'Bearer nope')).status).toBe(429);

    const ok = await wsInit(s.url, { authorization: `Bearer ${TOKEN}` }, [{ id: '1', type: 'subscribe', payload: { query: 'subscription { ticks }' } }]);
    expect(ok.received[0].type).toBe('connection_ack');
    expect(ok.received.filter((m) => m.type === 'error')).toEqual([]);
  });

  it('validates subscriptions (mercurius does not), with the same rules as HTTP', async () => {
    const s = await server();
    const { received } = await wsInit(s.url, { authorization: `Bearer ${TOKEN}` }, [
      { id: '1', type: 'subscribe', payload: { query: 'subscription { ticks { nope } }' } },
    ]);
    expect(JSON.stringify(received.find((m) => m.type === 'error'))).toMatch(/Field \\"ticks\\" must not have a selection/);
    expect(received.map((m) => m.type)).not.toContain('next');
  });

  it("passes GraphQL's validation message through, with its code", async () => {
    const s = await server();
    const r = await post(s.url, '{ secre }', `Bearer ${TOKEN}`);
    expect(r.status).toBe(400);
    const body = (await r.json()) as GqlBody;
    expect(body.errors[0].message).toMatch(/^Cannot query field "secre" on type "Query"\./);
    expect(body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
