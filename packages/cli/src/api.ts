// The platform's GraphQL API over HTTP, and its subscriptions over graphql-ws.
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { configPath, DEFAULT_URL, readConfig, writeConfig, type StoredConfig } from './config.js';
import { ApiError, CliError } from './errors.js';

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** Where to and as whom: PAAS_URL and PAAS_TOKEN win over what `paas login` stored. */
export interface Target {
  url: string;
  /** Null when nobody logged in and PAAS_TOKEN is unset. */
  bearer: () => Promise<string | null>;
}

export function resolveTarget(env: NodeJS.ProcessEnv = process.env): Target {
  const config = env.PAAS_TOKEN ? null : readConfig(configPath(env));
  const url = normaliseUrl(env.PAAS_URL ?? config?.url ?? DEFAULT_URL);
  if (env.PAAS_TOKEN) {
    const token = env.PAAS_TOKEN;
    return { url, bearer: () => Promise.resolve(token) };
  }
  // one refresh per run: refresh tokens are single-use
  let bearer: Promise<string | null> | undefined;
  return { url, bearer: () => (bearer ??= bearerFromConfig(config, url, env)) };
}

export function normaliseUrl(raw: string): string {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new CliError(`PAAS_URL ${JSON.stringify(raw)} is not a URL (expected e.g. ${DEFAULT_URL}).`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new CliError(`PAAS_URL must be http:// or https://, not ${u.protocol}`);
  return u.origin + u.pathname.replace(/\/+$/, '');
}

export class Api {
  constructor(private readonly target: Target) {}

  get url(): string {
    return this.target.url;
  }

  async request<T>(query: string, variables: Record<string, unknown> = {}, opts: { anonymous?: boolean } = {}): Promise<T> {
    const token = opts.anonymous ? null : await this.target.bearer();
    return post<T>(this.target.url, query, variables, token);
  }

  /** Calls onData for each event until the returned function is called or the server ends it. */
  async subscribe<T>(query: string, variables: Record<string, unknown>, onData: (data: T) => void, onError: (err: Error) => void): Promise<() => void> {
    const token = await this.target.bearer();
    const client: Client = createClient({
      url: this.target.url.replace(/^http/, 'ws') + '/graphql',
      webSocketImpl: WebSocket,
      connectionParams: token ? { authorization: `Bearer ${token}` } : {},
      retryAttempts: 5,
      shouldRetry: () => true,
    });
    const stop = client.subscribe<T>(
      { query, variables },
      {
        next: (msg) => {
          if (msg.errors?.length) onError(toApiError(msg.errors));
          else if (msg.data) onData(msg.data);
        },
        error: (err) => onError(err instanceof Error ? err : wsError(err)),
        complete: () => undefined,
      },
    );
    return () => {
      stop();
      void client.dispose();
    };
  }
}

async function post<T>(url: string, query: string, variables: Record<string, unknown>, token: string | null): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    throw new CliError(`Cannot reach the platform at ${url}: ${cause?.code ?? cause?.message ?? (err as Error).message}. Is it running? (PAAS_URL)`);
  }
  const text = await res.text();
  let body: GraphQLResponse<T>;
  try {
    body = JSON.parse(text) as GraphQLResponse<T>;
  } catch {
    throw new CliError(`The platform at ${url} answered HTTP ${res.status} with something that is not GraphQL.`);
  }
  if (body.errors?.length) throw toApiError(body.errors, res.status);
  if (!res.ok || !body.data) throw new CliError(`The platform answered HTTP ${res.status}.`);
  return body.data;
}

function toApiError(errors: readonly { message: string; extensions?: { [key: string]: unknown } }[], status?: number): ApiError {
  const first = errors[0];
  const code = typeof first.extensions?.code === 'string' ? first.extensions.code : status === 401 ? 'UNAUTHENTICATED' : 'ERROR';
  const hint = code === 'UNAUTHENTICATED' ? ' (run `paas login`, or set PAAS_TOKEN)' : '';
  return new ApiError(code, first.message + hint);
}

function wsError(err: unknown): Error {
  const close = err as { code?: number; reason?: string };
  if (typeof close?.code === 'number') return new CliError(`The live connection closed (${close.code}${close.reason ? `: ${close.reason}` : ''}).`);
  return new CliError(`The live connection failed: ${String((err as { message?: string })?.message ?? err)}`);
}

/** A stored token as it is; a stored session's access token, refreshed (and stored) a minute before it expires. */
async function bearerFromConfig(config: StoredConfig | null, url: string, env: NodeJS.ProcessEnv): Promise<string | null> {
  if (!config) return null;
  if (config.token) return config.token;
  const s = config.session;
  if (!s) return null;
  if (Date.parse(s.expiresAt) - Date.now() > 60_000) return s.accessToken;
  const d = await post<{ refreshSession: { accessToken: string; refreshToken: string; expiresAt: string } }>(
    url,
    'mutation($r: String!) { refreshSession(refreshToken: $r) { accessToken refreshToken expiresAt } }',
    { r: s.refreshToken },
    null,
  );
  writeConfig({ ...config, session: { ...s, ...d.refreshSession } }, configPath(env));
  return d.refreshSession.accessToken;
}
