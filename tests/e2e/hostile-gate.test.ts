// The gate, tried as an outsider would through the public surface only: whatever the request's
// path spelling, method, target form or headers, no credential means no data and no effect;
// failed authentication is throttled; abusive queries are refused fast; /healthz names states
// only; the console is served with its security headers and without source maps.
import { createClient } from 'graphql-ws';
import { connect } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import WebSocket from 'ws';
import { gql, gqlRaw } from '../helpers/graphql.js';

const gateway = new URL(inject('gatewayUrl'));
const token = inject('adminToken');

// Failures are counted per client address: every case speaks from a loopback address of its own
// (127.0.0.0/8 is all local), so this file neither trips nor is tripped by other tests' failures.
let nextAddress = 20;
const freshAddress = () => `127.0.0.${nextAddress++}`;

interface RawAnswer {
  status: number;
  headers: string;
  body: string;
}

/**
 * Sends exactly `head` (request line and headers) and `body` over TCP: no client normalises the
 * target. Status 0: no answer within `waitMs` (the socket is then closed by us).
 */
function raw(head: string, body = '', localAddress = freshAddress(), waitMs = 5_000): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: gateway.hostname, port: Number(gateway.port), localAddress });
    let text = '';
    const timer = setTimeout(() => socket.destroy(), waitMs);
    socket.setEncoding('utf8');
    socket.on('data', (d) => (text += d));
    socket.on('error', reject);
    socket.on('close', () => {
      clearTimeout(timer);
      const [headers, ...rest] = text.split('\r\n\r\n');
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(headers)?.[1] ?? 0), headers: headers.toLowerCase(), body: rest.join('\r\n\r\n') });
    });
    const length = Buffer.byteLength(body);
    // write, not end: a half-closed request may lose its answer; `Connection: close` ends it
    socket.write(`${head}\r\nHost: ${gateway.host}\r\nConnection: close\r\n${length ? `Content-Length: ${length}\r\n` : ''}\r\n${body}`);
  });
}

const probeNames: string[] = [];
/** A mutation that would create an app named for the case, if it ran. */
function createProbe(label: string): string {
  const name = `gate-${label}-${Date.now().toString(36)}`;
  probeNames.push(name);
  return JSON.stringify({ query: `mutation { createApp(input: { name: "${name}", gitUrl: "https://example.com/x.git" }) { id name } }` });
}

async function appNames(): Promise<string[]> {
  return (await gql<{ apps: { name: string }[] }>('{ apps { name } }')).apps.map((a) => a.name);
}

/** No data in the answer (when it is JSON at all; 0 = no answer) and no app created by any probe. */
async function expectNoDataNoEffect(answer: RawAnswer) {
  expect([0, 400, 401, 404, 405, 415, 429]).toContain(answer.status);
  if (answer.body.trim().startsWith('{')) expect(JSON.parse(answer.body).data ?? null).toBeNull();
  expect((await appNames()).filter((n) => probeNames.includes(n))).toEqual([]);
}

afterAll(async () => {
  // a probe that got through would be a failure above; still leave nothing behind
  const apps = (await gql<{ apps: { id: string; name: string }[] }>('{ apps { id name } }')).apps;
  for (const a of apps.filter((a) => probeNames.includes(a.name))) await gql('mutation($id: ID!) { deleteApp(id: $id) }', { id: a.id });
});

describe('one gate for every transport', () => {
  const json = 'Content-Type: application/json';

  it('refuses POST /graphql without a token that says Upgrade: websocket', async () => {
    // `Upgrade: websocket` alone (the header the old check trusted) and a full upgrade request
    const headerOnly = await raw(`POST /graphql HTTP/1.1\r\n${json}\r\nUpgrade: websocket`, createProbe('upgrade'));
    expect(headerOnly.status).toBe(401);
    expect(JSON.parse(headerOnly.body).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    await expectNoDataNoEffect(headerOnly);
    const full = await raw(`POST /graphql HTTP/1.1\r\n${json}\r\nUpgrade: websocket\r\nConnection: Upgrade`, createProbe('upgrade'), freshAddress(), 3_000);
    expect(full.status).toBe(400);
    expect(full.body).not.toContain('INTERNAL_SERVER_ERROR');
    await expectNoDataNoEffect(full);
  });

  it('refuses a percent-encoded path (POST /%67raphql)', async () => {
    const answer = await raw(`POST /%67raphql HTTP/1.1\r\n${json}`, createProbe('pct'));
    await expectNoDataNoEffect(answer);
  });

  it('refuses an absolute-form request target (POST http://x/graphql)', async () => {
    const answer = await raw(`POST http://x/graphql HTTP/1.1\r\n${json}`, createProbe('absolute'));
    await expectNoDataNoEffect(answer);
  });

  it.each(['/GRAPHQL', '/Graphql', '/graphql/', '/graphql?x', '/graphql?x=1#y', '//graphql', '/./graphql', '/graphql%2f', '/%2fgraphql'])(
    'refuses POST %s',
    async (path) => {
      const answer = await raw(`POST ${path} HTTP/1.1\r\n${json}`, createProbe('path'));
      await expectNoDataNoEffect(answer);
    },
  );

  it('refuses GET /graphql?query=… (a query, and a mutation)', async () => {
    const query = await raw(`GET /graphql?query=${encodeURIComponent('{ apps { id name gitUrl } }')} HTTP/1.1`);
    expect(query.status).toBe(401);
    await expectNoDataNoEffect(query);
    const mutation = JSON.parse(createProbe('get')).query;
    await expectNoDataNoEffect(await raw(`GET /graphql?query=${encodeURIComponent(mutation)} HTTP/1.1`));
  });

  it('refuses a batched array of operations, with or without a token', async () => {
    const batch = `[${createProbe('batch')}, ${createProbe('batch')}]`;
    await expectNoDataNoEffect(await raw(`POST /graphql HTTP/1.1\r\n${json}`, batch));
    await expectNoDataNoEffect(await raw(`POST /graphql HTTP/1.1\r\n${json}\r\nAuthorization: Bearer ${token}`, batch));
  });

  it('refuses a wrong token, a token without its scheme and an empty one; the right token works', async () => {
    for (const auth of [`Bearer ${token}x`, token, 'Bearer ', `Basic ${Buffer.from(`admin:${token}`).toString('base64')}`]) {
      const answer = await raw(`POST /graphql HTTP/1.1\r\n${json}\r\nAuthorization: ${auth}`, createProbe('wrong'));
      expect(answer.status).toBe(401);
      await expectNoDataNoEffect(answer);
    }
    const ok = await raw(`POST /graphql HTTP/1.1\r\n${json}\r\nAuthorization: Bearer ${token}`, JSON.stringify({ query: '{ apps { id } }' }));
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body).data.apps).toBeInstanceOf(Array);
  });

  it('answers an unauthenticated invalid query with 401, not with validation messages about the schema', async () => {
    const answer = await raw(`POST /graphql HTTP/1.1\r\n${json}`, JSON.stringify({ query: '{ apps { nmae } }' }));
    expect(answer.status).toBe(401);
    expect(answer.body).not.toContain('nmae');
  });
});

describe('WebSocket', () => {
  const wsUrl = `${inject('gatewayUrl').replace(/^http/, 'ws')}/graphql`;

  /** Opens a graphql-ws socket by hand and sends `messages`; resolves with what came back and the close code. */
  function wsExchange(messages: unknown[], localAddress = freshAddress()): Promise<{ received: any[]; code: number }> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(wsUrl, 'graphql-transport-ws', { localAddress });
      const received: any[] = [];
      const timer = setTimeout(() => ws.close(), 5_000);
      ws.on('open', () => messages.forEach((m) => ws.send(JSON.stringify(m))));
      ws.on('message', (d) => received.push(JSON.parse(String(d))));
      ws.on('close', (code) => {
        clearTimeout(timer);
        resolve({ received, code });
      });
      ws.on('error', reject);
    });
  }
  const subscribe = (id: string) => ({
    id,
    type: 'subscribe',
    payload: { query: 'subscription { deploymentUpdated(appId: "00000000-0000-0000-0000-000000000000") { id } }' },
  });
  const mutate = (id: string) => ({ id, type: 'subscribe', payload: JSON.parse(createProbe('ws')) });

  it.each([
    ['no payload', { type: 'connection_init' }],
    ['an empty payload', { type: 'connection_init', payload: {} }],
    ['a wrong token', { type: 'connection_init', payload: { authorization: `Bearer ${token}x` } }],
    ['a payload that is not an object', { type: 'connection_init', payload: 'Bearer x' }],
  ])('refuses a connection with %s, and runs nothing sent after it', async (_label, init) => {
    const { received, code } = await wsExchange([init, subscribe('1'), mutate('2')]);
    expect(received.filter((m) => m.type === 'connection_ack' || m.type === 'next')).toEqual([]);
    expect(code).not.toBe(1000);
    await expectNoDataNoEffect({ status: 401, headers: '', body: '' });
  });

  it('refuses a subscribe sent before connection_init', async () => {
    const { received } = await wsExchange([subscribe('1'), mutate('2')]);
    expect(received.filter((m) => m.type === 'next')).toEqual([]);
    await expectNoDataNoEffect({ status: 401, headers: '', body: '' });
  });

  it('with the right token: subscriptions work, queries and mutations over the socket do not run', async () => {
    const { received } = await wsExchange([{ type: 'connection_init', payload: { authorization: `Bearer ${token}` } }, mutate('2')]);
    expect(received[0].type).toBe('connection_ack');
    expect(received.filter((m) => m.type === 'next')).toEqual([]);
    await expectNoDataNoEffect({ status: 401, headers: '', body: '' });

    const client = createClient({ url: wsUrl, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
    try {
      // a subscription that passes the gate reaches its resolver: an unknown app is NOT_FOUND, not refused
      const outcome = await new Promise<string>((resolve) => {
        client.subscribe(subscribe('x').payload, {
          next: () => resolve('next'),
          error: (e) => resolve(JSON.stringify(e)),
          complete: () => resolve('complete'),
        });
        setTimeout(() => resolve('listening'), 1_500);
      });
      expect(outcome).not.toMatch(/UNAUTHENTICATED|Forbidden/);
    } finally {
      await client.dispose();
    }
  });

  it('applies the query-cost limits to subscriptions too', async () => {
    // deploymentUpdated → app → liveDeployment → app … : 12 levels, otherwise a valid subscription
    const inner = Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? 'app' : 'liveDeployment'));
    const query = `subscription { deploymentUpdated(appId: "00000000-0000-0000-0000-000000000000") { ${inner.map((f) => `${f} { `).join('')}id${' }'.repeat(inner.length)} } }`;
    const { received } = await wsExchange([
      { type: 'connection_init', payload: { authorization: `Bearer ${token}` } },
      { id: '1', type: 'subscribe', payload: { query } },
    ]);
    const error = received.find((m) => m.type === 'error');
    expect(JSON.stringify(error?.payload)).toMatch(/depth limit of \d+ exceeded/i);
    expect(received.filter((m) => m.type === 'next')).toEqual([]);
  });
});

describe('failed authentication is throttled', () => {
  const probe = (auth: string | null, address: string) =>
    raw(
      `POST /graphql HTTP/1.1\r\nContent-Type: application/json${auth ? `\r\nAuthorization: ${auth}` : ''}`,
      JSON.stringify({ query: '{ apps { id } }' }),
      address,
    );

  it('answers 429 after 10 failures from one address, while the right token still works from it', async () => {
    const address = freshAddress();
    for (let i = 0; i < 10; i++) expect((await probe(`Bearer wrong-${i}`, address)).status).toBe(401);
    const limited = await probe('Bearer wrong-again', address);
    expect(limited.status).toBe(429);
    expect(limited.headers).toMatch(/retry-after: \d+/);
    expect(JSON.parse(limited.body)).toMatchObject({ data: null, errors: [{ extensions: { code: 'RATE_LIMITED' } }] });
    expect(JSON.parse(limited.body).errors[0].message).toMatch(/Too many failed authentication attempts/);
    expect((await probe(null, address)).status).toBe(429);
    // authenticated traffic is never throttled, also from the address that failed
    for (let i = 0; i < 15; i++) expect((await probe(`Bearer ${token}`, address)).status).toBe(200);
    // other addresses are not affected
    expect((await probe('Bearer wrong', freshAddress())).status).toBe(401);
  });

  it('counts failed WebSocket connections against the same address', async () => {
    const address = freshAddress();
    for (let i = 0; i < 10; i++) {
      await new Promise<void>((resolve, reject) => {
        const ws = new WebSocket(`${inject('gatewayUrl').replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws', { localAddress: address });
        ws.on('open', () => ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer wrong-${i}` } })));
        ws.on('close', () => resolve());
        ws.on('error', reject);
      });
    }
    expect((await probe('Bearer wrong', address)).status).toBe(429);
  });
});

describe('query cost and validation errors', () => {
  const deep = (depth: number) => {
    const wrappers = Array.from({ length: depth - 2 }, (_, i) => (i % 2 === 0 ? 'liveDeployment' : 'app'));
    return `{ apps { ${wrappers.map((w) => `${w} { `).join('')}id${' }'.repeat(wrappers.length)} } }`;
  };

  it('refuses a 12-deep nesting in well under a second, without running it', async () => {
    const started = performance.now();
    const r = await gqlRaw(deep(12));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(r.status).toBe(400);
    expect(r.data ?? null).toBeNull();
    expect(r.errors?.[0]).toMatchObject({ message: expect.stringMatching(/depth limit of \d+ exceeded/i), extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
  });

  it('refuses 3,000 aliases in well under a second, without running them', async () => {
    const started = performance.now();
    const r = await gqlRaw(`{ ${Array.from({ length: 3000 }, (_, i) => `a${i}: apps { id }`).join(' ')} }`);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(r.status).toBe(400);
    expect(r.data ?? null).toBeNull();
    expect(r.errors?.map((e) => e.message).join()).toMatch(/Aliases limit of \d+ exceeded, found 3000/);
  });

  it("lets the console's deepest query through", async () => {
    const r = await gqlRaw(
      `query { apps { id deployments(limit: 50) { id sourceDeployment { id } steps { name status attempt startedAt finishedAt message } } } }`,
    );
    expect(r.errors).toBeUndefined();
    expect(r.status).toBe(200);
  });

  it("names a mistyped field with GraphQL's own message", async () => {
    const r = await gqlRaw('{ apps { nmae } }');
    expect(r.status).toBe(400);
    expect(r.data ?? null).toBeNull();
    expect(r.errors).toHaveLength(1);
    expect(r.errors?.[0]?.message).toMatch(/^Cannot query field "nmae" on type "App"\./);
    expect(r.errors?.[0]?.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
  });

  it('reports a syntax error as a validation failure, not an internal error', async () => {
    const r = await gqlRaw('{ apps { id ');
    expect(r.status).toBe(400);
    expect(r.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(r.errors?.[0]?.message).toMatch(/Syntax Error/);
  });
});

describe('/healthz without auth', () => {
  it('names each dependency and its state only: no addresses, paths or error texts', async () => {
    const res = await fetch(`${inject('gatewayUrl')}/healthz`);
    const body = (await res.json()) as { dependencies: Record<string, { state: string }> };
    expect([200, 503]).toContain(res.status);
    expect(Object.keys(body.dependencies)).toEqual(expect.arrayContaining(['database', 'temporal', 'docker', 'registry', 'objectStorage', 'edge']));
    for (const dep of Object.values(body.dependencies) as Record<string, unknown>[]) {
      expect(Object.keys(dep)).toEqual(['state']);
      expect(['up', 'down']).toContain(dep.state);
    }
    expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1|localhost|\/|:\d{2,5}/);
  });
});

describe('console headers', () => {
  it('serves the console with a Content-Security-Policy and framing, sniffing and referrer rules', async () => {
    const res = await fetch(`${inject('gatewayUrl')}/`);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    for (const directive of ["default-src 'self'", "script-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"])
      expect(csp).toContain(directive);
    expect(csp).toMatch(new RegExp(`connect-src 'self' ws://${gateway.host.replace(/\./g, '\\.')} wss://`));
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('serves no source maps', async () => {
    const html = await (await fetch(`${inject('gatewayUrl')}/`)).text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeTruthy();
    const js = await (await fetch(`${inject('gatewayUrl')}${script}`)).text();
    expect(js).not.toMatch(/sourceMappingURL/);
    for (const path of [`${script}.map`, `${script}.MAP`, '/assets/index.js.map']) expect((await fetch(`${inject('gatewayUrl')}${path}`)).status).toBe(404);
  });

  it('keeps /graphql answers JSON with the same protective headers', async () => {
    const r = await fetch(`${inject('gatewayUrl')}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ apps { id } }' }),
    });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/application\/json/);
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
