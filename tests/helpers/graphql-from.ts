// GraphQL calls from a chosen loopback address. Failed authentications are counted per address,
// so a file that makes them speaks from a /24 of its own: it neither trips nor is tripped by
// other files' failures.
import { request } from 'node:http';
import { inject } from 'vitest';

export interface Answer<T = any> {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export const codeOf = (a: Answer) => a.errors?.[0]?.extensions?.code ?? 'OK';

/** `call` speaks from a fresh address of `prefix` (e.g. "127.0.77") unless it is given one. */
export function callerFrom(prefix: string) {
  let next = 2;
  const freshAddress = () => `${prefix}.${next++}`;
  function call<T = any>(
    query: string,
    variables: Record<string, unknown> = {},
    token: string | null = null,
    localAddress = freshAddress(),
  ): Promise<Answer<T>> {
    const url = new URL(`${inject('gatewayUrl')}/graphql`);
    const body = JSON.stringify({ query, variables });
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          localAddress,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...(token ? { authorization: `Bearer ${token}` } : {}) },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (d) => (text += d));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, ...(JSON.parse(text) as object) }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }
  return { call, freshAddress };
}
