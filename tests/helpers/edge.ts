// Requests through the edge with any Host and headers (fetch cannot set Host), and a look
// into object storage, for the static-site tests.
import { Client } from 'minio';
import { request } from 'node:http';
import { inject } from 'vitest';

export interface EdgeResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  text: string;
}

export function edgeGet(host: string, path: string, headers: Record<string, string> = {}): Promise<EdgeResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: inject('edgePort'), path, headers: { host, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text: body.toString('utf8') });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

export function appHost(name: string): string {
  return `${name}.${inject('baseDomain')}`;
}

export function s3(): { client: Client; bucket: string } {
  const { endpoint, accessKey, secretKey, bucket } = inject('s3');
  const url = new URL(endpoint);
  return {
    client: new Client({ endPoint: url.hostname, port: Number(url.port), useSSL: false, accessKey, secretKey, pathStyle: true, region: 'us-east-1' }),
    bucket,
  };
}

/** Keys under a prefix in the platform's bucket ([] when the bucket does not exist yet). */
export async function listObjects(prefix: string): Promise<string[]> {
  const { client, bucket } = s3();
  if (!(await client.bucketExists(bucket))) return [];
  const keys: string[] = [];
  for await (const o of client.listObjectsV2(bucket, prefix, true) as AsyncIterable<{ name?: string }>) if (o.name) keys.push(o.name);
  return keys.sort();
}
