// Envelope encryption of one secret: a fresh data key per value encrypts it with AES-256-GCM, and
// the master key wraps the data key. The sealed text names the master key's id, so a rotation can
// tell what to re-wrap and a wrong key fails loudly (GCM's tag) instead of returning garbage.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Keyring, MasterKeyError } from './master-key.js';

const PREFIX = 'paas:enc:v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;
// bound into the tags: a wrapped data key cannot be passed off as a secret's ciphertext, or the reverse
const DATA_KEY_AAD = Buffer.from('paas data key v1');
const VALUE_AAD = Buffer.from('paas secret v1');

export class SecretDecryptionError extends Error {
  override name = 'SecretDecryptionError';
}

function gcmSeal(key: Buffer, plaintext: Buffer, aad: Buffer): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

function gcmOpen(key: Buffer, sealed: Buffer, aad: Buffer): Buffer {
  if (sealed.length < IV_BYTES + TAG_BYTES) throw new SecretDecryptionError('sealed value is truncated');
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES));
  decipher.setAAD(aad);
  decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
  } catch {
    throw new SecretDecryptionError('sealed value does not authenticate: wrong master key or altered ciphertext');
  }
}

/** Direct AES-256-GCM under a master key (the Temporal payload codec's unit). */
export const sealBytes = (key: Buffer, plaintext: Buffer, aad: Buffer): Buffer => gcmSeal(key, plaintext, aad);
export const openBytes = (key: Buffer, sealed: Buffer, aad: Buffer): Buffer => gcmOpen(key, sealed, aad);

export function isSealed(value: string): boolean {
  return value.startsWith(PREFIX);
}

/** The id of the master key that wrapped a sealed value. */
export function sealedKeyId(value: string): string {
  if (!isSealed(value)) throw new SecretDecryptionError('not a sealed value');
  return value.slice(PREFIX.length).split(':', 1)[0] ?? '';
}

export function seal(keyring: Keyring, plaintext: string): string {
  const dataKey = randomBytes(32);
  const wrapped = gcmSeal(keyring.current.bytes, dataKey, DATA_KEY_AAD);
  const body = gcmSeal(dataKey, Buffer.from(plaintext, 'utf8'), VALUE_AAD);
  return `${PREFIX}${keyring.current.id}:${wrapped.toString('base64url')}:${body.toString('base64url')}`;
}

export function open(keyring: Keyring, sealed: string): string {
  if (!isSealed(sealed)) throw new SecretDecryptionError('not a sealed value');
  const [keyId, wrapped, body, ...rest] = sealed.slice(PREFIX.length).split(':');
  if (!keyId || !wrapped || !body || rest.length) throw new SecretDecryptionError('sealed value is malformed');
  let key: Buffer;
  try {
    key = keyring.get(keyId).bytes;
  } catch (err) {
    throw new SecretDecryptionError((err as MasterKeyError).message);
  }
  const dataKey = gcmOpen(key, Buffer.from(wrapped, 'base64url'), DATA_KEY_AAD);
  return gcmOpen(dataKey, Buffer.from(body, 'base64url'), VALUE_AAD).toString('utf8');
}
