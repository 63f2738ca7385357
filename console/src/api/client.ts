// The GraphQL client: queries and mutations over HTTP, subscriptions over graphql-ws on the same
// path. The WebSocket reconnects forever (with backoff), so the console recovers by itself when
// the gateway restarts; `onReconnected` lets screens refetch what they may have missed.
import { cacheExchange, Client, fetchExchange, subscriptionExchange } from 'urql';
import { createClient as createWsClient } from 'graphql-ws';

export interface ApiClient {
  client: Client;
  onReconnected(listener: () => void): () => void;
  dispose(): void;
}

export function createApiClient(token: string, onUnauthorized: () => void): ApiClient {
  const listeners = new Set<() => void>();
  let connectedBefore = false;
  const wsUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
  const ws = createWsClient({
    url: wsUrl,
    connectionParams: { authorization: `Bearer ${token}` },
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
  const client = new Client({
    url: '/graphql',
    requestPolicy: 'cache-and-network',
    fetchOptions: () => ({ headers: { authorization: `Bearer ${token}` } }),
    fetch: async (input, init) => {
      const res = await fetch(input, init);
      if (res.status === 401) onUnauthorized();
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
    dispose: () => void ws.dispose(),
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
