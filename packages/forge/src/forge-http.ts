// JSON over the outbound guard, bounded in time (the guard) and in size (here): a forge's answer
// is read only up to MAX_BODY, and its error text is cut before it reaches a message.
import type { OutboundFetch } from '@paas/outbound';
import { ForgeApiError } from './forge-types.js';

const MAX_BODY = 4 * 1024 * 1024;
const MAX_SHOWN = 200;

export interface JsonRequest {
  method?: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: unknown;
}

export async function requestJson<T>(fetch: OutboundFetch, url: string, { method = 'GET', headers, body }: JsonRequest, what: string): Promise<T> {
  const res = await fetch(url, {
    method,
    headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await readBounded(res.body, MAX_BODY);
  if (!res.ok) throw new ForgeApiError(`${what}: the forge answered ${res.status}${detail(text)}`, res.status);
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ForgeApiError(`${what}: the forge's answer is not JSON`, 502);
  }
}

function detail(text: string): string {
  try {
    const m = (JSON.parse(text) as { message?: unknown }).message;
    if (typeof m === 'string' && m) return ` (${m.slice(0, MAX_SHOWN)})`;
  } catch {
    // not JSON: the status says enough
  }
  return '';
}

async function readBounded(body: ReadableStream<Uint8Array> | null, limit: number): Promise<string> {
  if (!body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > limit) throw new ForgeApiError(`the forge's answer is larger than ${limit} bytes`, 502);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A string field of a forge's JSON object, or a 502 naming what was missing. */
export function str(o: unknown, key: string, what: string): string {
  const v = (o as Record<string, unknown> | null)?.[key];
  if (typeof v !== 'string') throw new ForgeApiError(`${what}: the forge's answer has no ${key}`, 502);
  return v;
}
