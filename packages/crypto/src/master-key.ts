// The master key: 32 random bytes that wrap every data key. It comes from PAAS_MASTER_KEY (the
// supervisor generates one into the data dir when none is given); keys retired by a rotation may
// stay readable through PAAS_PREVIOUS_MASTER_KEYS so that older Temporal histories still decode.
import { createHash, randomBytes } from 'node:crypto';

export const MASTER_KEY_BYTES = 32;

/** Refused key material; the message names the variable and what a valid key looks like, never the key. */
export class MasterKeyError extends Error {
  override name = 'MasterKeyError';
}

export interface MasterKey {
  /** A fingerprint of the key (not the key): stored next to each ciphertext so that rotation knows what wrapped it. */
  readonly id: string;
  readonly bytes: Buffer;
}

/** A fresh key, as text for PAAS_MASTER_KEY or the data dir's key file. */
export function generateMasterKeyText(): string {
  return randomBytes(MASTER_KEY_BYTES).toString('base64');
}

/** Parses 64 hex characters or the base64 of 32 bytes; anything else is refused, not padded or hashed into shape. */
export function parseMasterKey(text: string, source = 'PAAS_MASTER_KEY'): MasterKey {
  const trimmed = text.trim();
  let bytes: Buffer | undefined;
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) bytes = Buffer.from(trimmed, 'hex');
  else if (/^[A-Za-z0-9+/]{43}=$/.test(trimmed)) bytes = Buffer.from(trimmed, 'base64');
  if (!bytes || bytes.length !== MASTER_KEY_BYTES)
    throw new MasterKeyError(`${source} must be 32 bytes, as 64 hex characters or 44 base64 characters (generate one with: openssl rand -base64 32)`);
  return { id: createHash('sha256').update('paas-master-key-id').update(bytes).digest('hex').slice(0, 16), bytes };
}

/** The current key, which seals everything new, and the keys that may still open older ciphertext. */
export class Keyring {
  private readonly byId: Map<string, MasterKey>;

  constructor(
    readonly current: MasterKey,
    previous: MasterKey[] = [],
  ) {
    this.byId = new Map([...previous, current].map((k) => [k.id, k]));
  }

  get(id: string): MasterKey {
    const key = this.byId.get(id);
    if (!key) throw new MasterKeyError(`no master key with id ${id} is configured: it was sealed under another PAAS_MASTER_KEY`);
    return key;
  }
}

/** The keyring from the process environment; a missing or malformed key stops the start with a clear message. */
export function keyringFromEnv(env: NodeJS.ProcessEnv = process.env): Keyring {
  const current = env.PAAS_MASTER_KEY;
  if (!current) throw new MasterKeyError('PAAS_MASTER_KEY is not set: secrets cannot be read or written without it (npm start generates one in the data dir)');
  const previous = (env.PAAS_PREVIOUS_MASTER_KEYS ?? '')
    .split(',')
    .filter((s) => s.trim())
    .map((s) => parseMasterKey(s, 'PAAS_PREVIOUS_MASTER_KEYS'));
  return new Keyring(parseMasterKey(current), previous);
}
