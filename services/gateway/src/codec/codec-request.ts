// The Temporal Web UI's remote codec protocol: `{ payloads: [{ metadata: { k: base64 }, data: base64 }] }`
// in and out. Anything else is refused before a byte is decoded.
import type { Payload } from '@temporalio/common';

export const MAX_PAYLOADS = 1000;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export class BadCodecRequest extends Error {
  override name = 'BadCodecRequest';
}

interface WirePayload {
  metadata: Record<string, string>;
  data: string;
}

function base64(value: unknown, what: string): Buffer {
  if (typeof value !== 'string' || value.length % 4 !== 0 || !BASE64.test(value)) throw new BadCodecRequest(`${what} must be base64`);
  return Buffer.from(value, 'base64');
}

export function payloadsOfBody(body: unknown): Payload[] {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new BadCodecRequest('the body must be {"payloads": [...]}');
  const payloads = (body as { payloads?: unknown }).payloads;
  if (!Array.isArray(payloads)) throw new BadCodecRequest('payloads must be an array');
  if (payloads.length > MAX_PAYLOADS) throw new BadCodecRequest(`at most ${MAX_PAYLOADS} payloads per request`);
  return payloads.map((p: unknown, i) => {
    if (!p || typeof p !== 'object' || Array.isArray(p)) throw new BadCodecRequest(`payloads[${i}] must be an object`);
    const { metadata, data } = p as { metadata?: unknown; data?: unknown };
    if (metadata !== undefined && (!metadata || typeof metadata !== 'object' || Array.isArray(metadata)))
      throw new BadCodecRequest(`payloads[${i}].metadata must be an object`);
    const decodedMetadata: Record<string, Uint8Array> = {};
    for (const [k, v] of Object.entries((metadata ?? {}) as Record<string, unknown>)) decodedMetadata[k] = base64(v, `payloads[${i}].metadata.${k}`);
    return { metadata: decodedMetadata, data: data === undefined ? new Uint8Array() : base64(data, `payloads[${i}].data`) };
  });
}

export function bodyOfPayloads(payloads: Payload[]): { payloads: WirePayload[] } {
  return {
    payloads: payloads.map((p) => ({
      metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? new Uint8Array()).toString('base64')])),
      data: Buffer.from(p.data ?? new Uint8Array()).toString('base64'),
    })),
  };
}
