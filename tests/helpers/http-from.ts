// Plain HTTP requests to the gateway from a chosen loopback address, for endpoints outside GraphQL
// (forge sign-in's redirects): like graphql-from.ts, a file's failed authentications count on a
// /24 of its own. Redirects are returned, not followed.
import { request } from 'node:http';
import { inject } from 'vitest';

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export function httpFrom(prefix: string) {
  let next = 2;
  return function http(method: string, path: string, options: { headers?: Record<string, string>; body?: unknown } = {}): Promise<RawAnswer> {
    const url = new URL(path, inject('gatewayUrl'));
    const body = options.body === undefined ? undefined : JSON.stringify(options.body);
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: `${url.pathname}${url.search}`,
          method,
          localAddress: `${prefix}.${next++}`,
          headers: { ...(body === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }), ...options.headers },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (d) => (text += d));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  };
}
