import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadOrCreateSecrets } from './secrets.js';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('stack secrets', () => {
  it('generates a JWT signing key with the others, and keeps it across starts', () => {
    dir = mkdtempSync(join(tmpdir(), 'paas-secrets-'));
    const first = loadOrCreateSecrets(dir);
    expect(first.created).toBe(true);
    expect(first.secrets.jwtSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(loadOrCreateSecrets(dir)).toEqual({ secrets: first.secrets, created: false });
    expect(statSync(join(dir, 'secrets.json')).mode & 0o777).toBe(0o600);
  });

  it('adds the key to a data dir from before accounts, leaving every other secret as it was', () => {
    dir = mkdtempSync(join(tmpdir(), 'paas-secrets-'));
    const old = { pgPassword: 'pg', s3AccessKey: 'ak', s3SecretKey: 'sk', adminToken: 'paas_old' };
    writeFileSync(join(dir, 'secrets.json'), JSON.stringify(old), { mode: 0o600 });
    const { secrets, created } = loadOrCreateSecrets(dir);
    expect(created).toBe(false);
    expect(secrets).toMatchObject(old);
    expect(secrets.jwtSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(JSON.parse(readFileSync(join(dir, 'secrets.json'), 'utf8'))).toEqual(secrets);
    expect(loadOrCreateSecrets(dir).secrets.jwtSecret).toBe(secrets.jwtSecret);
  });
});
