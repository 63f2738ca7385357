import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { configPath, readConfig, writeConfig } from './config.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const temp = () => {
  const d = mkdtempSync(join(tmpdir(), 'paas-cli-'));
  dirs.push(d);
  return d;
};

describe('CLI config file', () => {
  it('lives in the XDG config dir', () => {
    vi.stubEnv('XDG_CONFIG_HOME', '/x/conf');
    expect(configPath({})).toBe('/x/conf/paas/config.json');
    vi.unstubAllEnvs();
    expect(configPath({ PAAS_CONFIG: '/y/c.json' })).toBe('/y/c.json');
  });

  it('is written with mode 600 whatever the umask, and read back', () => {
    const path = join(temp(), 'sub', 'config.json');
    const old = process.umask(0o000);
    try {
      writeConfig({ url: 'http://127.0.0.1:4000', token: 'paas_x' }, path);
    } finally {
      process.umask(old);
    }
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readConfig(path)).toEqual({ url: 'http://127.0.0.1:4000', token: 'paas_x' });
  });

  it('refuses a file that group or others may read, and files that are not a config', () => {
    const path = join(temp(), 'config.json');
    writeConfig({ url: 'http://h', token: 't' }, path);
    for (const mode of [0o640, 0o604, 0o660]) {
      chmodSync(path, mode);
      expect(() => readConfig(path)).toThrow(/readable by others.*chmod 600/);
    }
    chmodSync(path, 0o600);
    writeFileSync(path, '{not json');
    expect(() => readConfig(path)).toThrow(/not valid JSON/);
    writeFileSync(path, JSON.stringify({ url: 5, token: ['x'] }));
    expect(() => readConfig(path)).toThrow(/not a paas config/);
    expect(readConfig(join(temp(), 'missing.json'))).toBeNull();
  });
});
