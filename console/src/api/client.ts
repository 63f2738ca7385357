// The GraphQL client: queries and mutations over HTTP, subscriptions over graphql-ws on the same
// path, as the credentials of `Auth` (refreshed and retried once on 401). The WebSocket reconnects forever (with backoff), so the console recovers by itself when
// the gateway restarts; `onReconnected` lets screens refetch what they may have missed.
import { cacheExchange, Client, fetchExchange, subscriptionExchange } from 'urql';
import { createClient as createWsClient } from 'graphql-ws';
import type { Auth } from '../auth/auth';

export interface ApiClient {
  client: Client;
  onReconnected(listener: () => void): () => void;
  dispose(): void;
}

export function createApiClient(auth: Auth): ApiClient {
  const listeners = new Set<() => void>();
  let connectedBefore = false;
  const wsUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
  const ws = createWsClient({
    url: wsUrl,
    // asked at every (re)connection, so a new socket always carries the current access token
    connectionParams: async () => ({ authorization: `Bearer ${(await auth.bearer()) ?? ''}` }),
    lazy: false,
    retryAttempts: Infinity,
    shouldRetry: () => true,
    retryWait: async (retries) => new Promise((r) => setTimeout(r, Math.min(500 * 2 ** retries, 5000))),
    on: {
      connected: () => {
        if (connectedBefore) listeners.forEach((l) => l());
        connectedBefore = true;
      },
    },
  });
  // a refreshed access token: the open socket still speaks as the old one, so it reconnects (and
  // subscriptions resume); screens refetch on the reconnection
  let bearer = auth.get();
  const stopWatching = auth.subscribe(() => {
    const now = auth.get();
    if (now && bearer && now !== bearer) ws.terminate();
    bearer = now;
  });
  const client = new Client({
    url: '/graphql',
    requestPolicy: 'cache-and-network',
    fetch: async (input, init) => {
      const send = (token: string | null) => {
        const headers = new Headers(init?.headers);
        if (token) headers.set('authorization', `Bearer ${token}`);
        return fetch(input, { ...init, headers });
      };
      const token = await auth.bearer();
      let res = await send(token);
      // an expired or revoked access token: one refresh, one retry; then the session is over
      if (res.status === 401 && token && (await auth.refresh(token))) res = await send(await auth.bearer());
      if (res.status === 401) void auth.signOut();
      return res;
    },
    exchanges: [
      cacheExchange,
      fetchExchange,
      subscriptionExchange({
        forwardSubscription: (request) => ({
          subscribe: (sink) => ({ unsubscribe: ws.subscribe({ ...request, query: request.query ?? '' }, sink) }),
        }),
      }),
    ],
  });
  return {
    client,
    onReconnected: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    dispose: () => {
      stopWatching();
      void ws.dispose();
    },
  };
}

/** Checks a token with the cheapest authenticated query; resolves to an error message or null. */
export async function checkToken(token: string): Promise<string | null> {
  try {
    const res = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ apps { id } }' }),
    });
    if (res.status === 401) return 'That token was not accepted. Use the admin token printed by npm start (also in .paas/secrets.json).';
    if (!res.ok) return `The gateway answered HTTP ${res.status}; try again.`;
    return null;
  } catch {
    return 'The gateway cannot be reached; is the platform running?';
  }
}
