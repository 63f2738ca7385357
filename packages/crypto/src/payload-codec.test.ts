import type { Payload } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { generateMasterKeyText, Keyring, parseMasterKey } from './master-key.js';
import { EncryptionCodec, isEncryptedPayload } from './payload-codec.js';

const enc = (s: string) => new TextEncoder().encode(s);
const jsonPayload = (value: unknown): Payload => ({ metadata: { encoding: enc('json/plain') }, data: enc(JSON.stringify(value)) });
const keyA = parseMasterKey(generateMasterKeyText());
const keyB = parseMasterKey(generateMasterKeyText());

describe('EncryptionCodec', () => {
  it('encodes every payload to ciphertext that holds neither data nor metadata in clear, and decodes it back', async () => {
    const codec = new EncryptionCodec(new Keyring(keyA));
    const original = [jsonPayload({ token: 'canary-payload' }), { metadata: { encoding: enc('binary/null') } }];
    const encoded = await codec.encode(original);
    for (const p of encoded) {
      expect(isEncryptedPayload(p)).toBe(true);
      expect(Buffer.from(p.data!).toString('latin1')).not.toMatch(/canary|json\/plain/);
    }
    const decoded = await codec.decode(encoded);
    expect(new TextDecoder().decode(decoded[0].data)).toBe('{"token":"canary-payload"}');
    expect(new TextDecoder().decode(decoded[0].metadata!.encoding)).toBe('json/plain');
    expect(new TextDecoder().decode(decoded[1].metadata!.encoding)).toBe('binary/null');
  });

  it('passes through payloads it did not encode (histories recorded before the codec)', async () => {
    const plain = jsonPayload({ appId: 'x' });
    expect(await new EncryptionCodec(new Keyring(keyA)).decode([plain])).toEqual([plain]);
  });

  it('decodes payloads of a previous key, and refuses those of an unknown one or altered bytes', async () => {
    const [old] = await new EncryptionCodec(new Keyring(keyA)).encode([jsonPayload(1)]);
    await expect(new EncryptionCodec(new Keyring(keyB, [keyA])).decode([old])).resolves.toHaveLength(1);
    await expect(new EncryptionCodec(new Keyring(keyB)).decode([old])).rejects.toThrow(/no master key with id/);
    const altered = Buffer.from(old.data!);
    altered[altered.length - 1] ^= 1;
    await expect(new EncryptionCodec(new Keyring(keyA)).decode([{ ...old, data: altered }])).rejects.toThrow(/does not authenticate/);
  });
});
