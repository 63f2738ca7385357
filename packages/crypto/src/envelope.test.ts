import { describe, expect, it } from 'vitest';
import { isSealed, open, seal, sealedKeyId, SecretDecryptionError } from './envelope.js';
import { generateMasterKeyText, Keyring, keyringFromEnv, MasterKeyError, parseMasterKey } from './master-key.js';

const keyA = parseMasterKey(generateMasterKeyText());
const keyB = parseMasterKey(generateMasterKeyText());

describe('envelope encryption', () => {
  it('round-trips a secret and never holds the plaintext in the sealed text', () => {
    const ring = new Keyring(keyA);
    const sealed = seal(ring, 'canary-s3cret-ü');
    expect(isSealed(sealed)).toBe(true);
    expect(sealed).not.toContain('canary');
    expect(sealedKeyId(sealed)).toBe(keyA.id);
    expect(open(ring, sealed)).toBe('canary-s3cret-ü');
  });

  it('uses a fresh data key per value: the same secret seals differently each time', () => {
    const ring = new Keyring(keyA);
    expect(seal(ring, 'same')).not.toBe(seal(ring, 'same'));
  });

  it('opens values of a previous key after rotation, and seals new ones under the current key', () => {
    const old = seal(new Keyring(keyA), 'v');
    const rotated = new Keyring(keyB, [keyA]);
    expect(open(rotated, old)).toBe('v');
    expect(sealedKeyId(seal(rotated, 'v'))).toBe(keyB.id);
  });

  it('refuses a value of an unknown key, a forged key id and an altered ciphertext instead of returning garbage', () => {
    const sealed = seal(new Keyring(keyA), 'v');
    expect(() => open(new Keyring(keyB), sealed)).toThrow(SecretDecryptionError);
    expect(() => open(new Keyring(keyB), sealed.replace(keyA.id, keyB.id))).toThrow(/does not authenticate/);
    const parts = sealed.split(':');
    const body = Buffer.from(parts[5], 'base64url');
    body[body.length - 1] ^= 1;
    parts[5] = body.toString('base64url');
    expect(() => open(new Keyring(keyA), parts.join(':'))).toThrow(/does not authenticate/);
    expect(() => open(new Keyring(keyA), 'paas:enc:v1:x')).toThrow(/malformed/);
    expect(() => open(new Keyring(keyA), 'plain')).toThrow(/not a sealed value/);
  });
});

describe('master key', () => {
  it('accepts 64 hex characters or 32 bytes in base64, with the same id for the same key', () => {
    const hex = 'ab'.repeat(32);
    expect(parseMasterKey(hex).id).toBe(parseMasterKey(Buffer.from(hex, 'hex').toString('base64')).id);
  });

  it.each(['', 'short', 'zz'.repeat(32), Buffer.alloc(16).toString('base64'), Buffer.alloc(33).toString('base64')])(
    'refuses %j with a message that names the variable and not the value',
    (bad) => {
      expect(() => parseMasterKey(bad)).toThrow(MasterKeyError);
      expect(() => parseMasterKey(bad)).toThrow(/PAAS_MASTER_KEY must be 32 bytes/);
    },
  );

  it('refuses to start without PAAS_MASTER_KEY', () => {
    expect(() => keyringFromEnv({})).toThrow(/PAAS_MASTER_KEY is not set/);
  });

  it('reads previous keys for older ciphertext', () => {
    const a = generateMasterKeyText();
    const ring = keyringFromEnv({ PAAS_MASTER_KEY: generateMasterKeyText(), PAAS_PREVIOUS_MASTER_KEYS: a });
    expect(ring.get(parseMasterKey(a).id).id).toBe(parseMasterKey(a).id);
    expect(() => keyringFromEnv({ PAAS_MASTER_KEY: a, PAAS_PREVIOUS_MASTER_KEYS: 'nope' })).toThrow(/PAAS_PREVIOUS_MASTER_KEYS must be/);
  });
});
