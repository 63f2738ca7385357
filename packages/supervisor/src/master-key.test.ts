import { parseMasterKey } from '@paas/crypto';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadOrCreateMasterKey, masterKeyFile } from './master-key.js';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));
const fresh = () => (dir = mkdtempSync(join(tmpdir(), 'master-key-')));

describe('loadOrCreateMasterKey', () => {
  it('generates a valid key into the data dir, readable by its owner only, and keeps it across starts', () => {
    fresh();
    const first = loadOrCreateMasterKey(dir, {});
    expect(() => parseMasterKey(first)).not.toThrow();
    expect(statSync(masterKeyFile(dir)).mode & 0o777).toBe(0o600);
    expect(loadOrCreateMasterKey(dir, {})).toBe(first);
  });

  it('takes PAAS_MASTER_KEY when given and writes no file', () => {
    fresh();
    const key = 'ab'.repeat(32);
    expect(loadOrCreateMasterKey(dir, { PAAS_MASTER_KEY: key })).toBe(key);
    expect(() => statSync(masterKeyFile(dir))).toThrow();
  });

  it('refuses a malformed PAAS_MASTER_KEY or key file with a clear error that does not echo the key', () => {
    fresh();
    expect(() => loadOrCreateMasterKey(dir, { PAAS_MASTER_KEY: 'not-a-key-canary' })).toThrow(/PAAS_MASTER_KEY must be 32 bytes/);
    expect(() => loadOrCreateMasterKey(dir, { PAAS_MASTER_KEY: 'not-a-key-canary' })).not.toThrow(/canary/);
    writeFileSync(masterKeyFile(dir), 'garbage-canary\n');
    expect(() => loadOrCreateMasterKey(dir, {})).toThrow(/master\.key must be 32 bytes/);
  });
});
