// A client of the public contract only: GraphQL over HTTP and graphql-ws, plus the edge.
import { createClient, type Client } from 'graphql-ws';
import { inject } from 'vitest';
import WebSocket from 'ws';
import { Agent, request } from 'node:http';

export interface GqlResult<T> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string } }[];
  status: number;
}

export async function gqlRaw<T = Record<string, unknown>>(
  query: string,
  variables: Record<string, unknown> = {},
  token: string | null = inject('adminToken'),
): Promise<GqlResult<T>> {
  const res = await fetch(`${inject('gatewayUrl')}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as GqlResult<T>;
  return { ...body, status: res.status };
}

/** Fails the test on any GraphQL error. */
export async function gql<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const r = await gqlRaw<T>(query, variables);
  if (r.errors?.length) throw new Error(`GraphQL error: ${r.errors.map((e) => `${e.extensions?.code}: ${e.message}`).join('; ')}`);
  return r.data!;
}

export function wsClient(token: string = inject('adminToken')): Client {
  return createClient({
    url: `${inject('gatewayUrl').replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
    lazy: false,
  });
}

export const DEPLOYMENT_FIELDS = `id status trigger commitSha imageRef workflowId error createdAt finishedAt
  steps { name status attempt startedAt finishedAt message }`;

export async function createApp(input: Record<string, unknown>): Promise<{ id: string; name: string; url: string }> {
  const d = await gql(`mutation($input: CreateAppInput!) { createApp(input: $input) { id name url } }`, { input });
  return d.createApp;
}

export async function deploy(appId: string, commitSha?: string): Promise<{ id: string; status: string }> {
  const d = await gql(`mutation($appId: ID!, $sha: String) { deploy(appId: $appId, commitSha: $sha) { id status } }`, { appId, sha: commitSha ?? null });
  return d.deploy;
}

export interface DeploymentView {
  id: string;
  status: string;
  trigger: string;
  commitSha: string | null;
  imageRef: string | null;
  workflowId: string;
  error: string | null;
  finishedAt: string | null;
  steps: { name: string; status: string; attempt: number; message: string | null }[];
}

export async function getDeployment(id: string): Promise<DeploymentView> {
  const d = await gql(`query($id: ID!) { deployment(id: $id) { ${DEPLOYMENT_FIELDS} } }`, { id });
  return d.deployment;
}

const FINAL = ['LIVE', 'SUPERSEDED', 'FAILED', 'CANCELLED'];

export async function waitForDeployment(id: string, timeoutMs = 150_000): Promise<DeploymentView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const d = await getDeployment(id);
    // LIVE is final for the status, but RETIRE may still run: wait for it too
    if (FINAL.includes(d.status) && (d.status !== 'LIVE' || d.steps.every((s) => !['PENDING', 'RUNNING'].includes(s.status)))) return d;
    if (Date.now() > deadline) throw new Error(`deployment ${id} still ${d.status} after ${timeoutMs} ms: ${JSON.stringify(d.steps)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** GET through the edge with the app's Host header. */
export function viaEdge(appName: string, path = '/'): Promise<{ status: number; body: string }> {
  // node:http, because fetch() does not let a caller set the Host header
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: inject('edgePort'), path, headers: { host: `${appName}.${inject('baseDomain')}` }, agent: edgeAgent },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const edgeAgent = new Agent({ keepAlive: true, maxSockets: 8 });
