// The Temporal payload codec: every payload a client or worker sends is sealed with AES-256-GCM
// under the master key before it reaches the server, so histories hold ciphertext only. Payloads
// it did not encode (histories recorded before it existed) pass through untouched.
import type { Payload, PayloadCodec } from '@temporalio/common';
import { openBytes, sealBytes } from './envelope.js';
import type { Keyring } from './master-key.js';

export const ENCRYPTED_ENCODING = 'binary/paas-encrypted';
const KEY_ID_METADATA = 'paas-encryption-key-id';
const PAYLOAD_AAD = Buffer.from('paas temporal payload v1');

const text = (s: string): Uint8Array => new TextEncoder().encode(s);
const fromText = (b: Uint8Array | null | undefined): string => (b ? new TextDecoder().decode(b) : '');

interface WirePayload {
  metadata: Record<string, string>;
  data: string;
}

// The inner payload as JSON with base64 bytes: the built-in parser, no protobuf at this layer.
function toBytes(payload: Payload): Buffer {
  const metadata: Record<string, string> = {};
  for (const [k, v] of Object.entries(payload.metadata ?? {})) if (v) metadata[k] = Buffer.from(v).toString('base64');
  const wire: WirePayload = { metadata, data: Buffer.from(payload.data ?? new Uint8Array()).toString('base64') };
  return Buffer.from(JSON.stringify(wire), 'utf8');
}

function fromBytes(bytes: Buffer): Payload {
  const wire = JSON.parse(bytes.toString('utf8')) as WirePayload;
  const metadata: Record<string, Uint8Array> = {};
  for (const [k, v] of Object.entries(wire.metadata)) metadata[k] = Buffer.from(v, 'base64');
  return { metadata, data: Buffer.from(wire.data, 'base64') };
}

export function isEncryptedPayload(payload: Payload): boolean {
  return fromText(payload.metadata?.encoding) === ENCRYPTED_ENCODING;
}

export class EncryptionCodec implements PayloadCodec {
  constructor(private readonly keyring: Keyring) {}

  // async: a refused payload rejects the promise rather than throwing at the caller

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => ({
      metadata: { encoding: text(ENCRYPTED_ENCODING), [KEY_ID_METADATA]: text(this.keyring.current.id) },
      data: sealBytes(this.keyring.current.bytes, toBytes(payload), PAYLOAD_AAD),
    }));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      if (!isEncryptedPayload(payload)) return payload;
      const key = this.keyring.get(fromText(payload.metadata?.[KEY_ID_METADATA]));
      return fromBytes(openBytes(key.bytes, Buffer.from(payload.data ?? new Uint8Array()), PAYLOAD_AAD));
    });
  }
}
