// Secrets at the storage boundary: the columns that hold env var values, the deployments' env
// snapshot and git credentials are sealed (envelope encryption, @paas/crypto) as TypeORM writes
// them and opened as it reads them, so no repository, and no caller, handles ciphertext. Raw SQL
// that reads these columns must go through `openStored`.
import { isSealed, keyringFromEnv, open, seal, type Keyring } from '@paas/crypto';
import type { ValueTransformer } from 'typeorm';
import type { EnvSnapshotEntry } from '../entities/deployment.entity.js';

let configured: Keyring | undefined;

/** The keyring this process seals and opens with; a process that never calls this reads PAAS_MASTER_KEY on first use. */
export function useSecretKeyring(keyring: Keyring): void {
  configured = keyring;
}

/** The keyring in use; throws a MasterKeyError naming PAAS_MASTER_KEY when there is none (at start: see `requireSecretKeyring`). */
export function secretKeyring(): Keyring {
  configured ??= keyringFromEnv();
  return configured;
}

/** For processes that start: a missing or malformed key stops them with a clear message instead of failing at the first secret. */
export function requireSecretKeyring(env: NodeJS.ProcessEnv = process.env): Keyring {
  configured = keyringFromEnv(env);
  return configured;
}

export function sealStored(value: string): string {
  return seal(secretKeyring(), value);
}

/** A stored value in clear; rows written before encryption (plain text) are returned as they are. */
export function openStored(value: string): string {
  return isSealed(value) ? open(secretKeyring(), value) : value;
}

export const sealedText: ValueTransformer = {
  to: (value: string | null | undefined) => (typeof value === 'string' ? sealStored(value) : value),
  from: (value: string | null) => (typeof value === 'string' ? openStored(value) : value),
};

// jsonb stays jsonb: each entry keeps its key and secret flag, only the value is sealed
export const sealedEnvSnapshot: ValueTransformer = {
  to: (entries: EnvSnapshotEntry[] | null | undefined) => (Array.isArray(entries) ? entries.map((e) => ({ ...e, value: sealStored(e.value) })) : entries),
  from: (entries: EnvSnapshotEntry[] | null) => (Array.isArray(entries) ? entries.map((e) => ({ ...e, value: openStored(e.value) })) : entries),
};
