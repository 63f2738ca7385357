import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_INPUT_LIMITS,
  ValidationError,
  inputLimitsFromEnv,
  validateAppName,
  validateBranch,
  validateCron,
  validateEnvKey,
  validateEnvSet,
  validateEnvValue,
  validateGitSshKey,
  validateGitUrl,
  validateHealthCheckPath,
  validateRelativePath,
} from './validation.js';

describe('validation', () => {
  it.each(['web', 'a', 'my-app-2', 'a'.repeat(63)])('accepts the app name %s', (n) => expect(validateAppName(n)).toBe(n));
  it.each(['', 'Web', 'my_app', '-a', 'a-', 'a'.repeat(64), 'a.b', 'ä'])('rejects the app name %j', (n) =>
    expect(() => validateAppName(n)).toThrow(ValidationError),
  );

  it.each(['https://example.invalid/r.git', 'http://h/r', 'git://h/r', 'ssh://git@h/r.git', 'file:///srv/repo'])('accepts the git URL %s', (u) =>
    expect(validateGitUrl(u)).toBe(u),
  );
  it.each(['', 'ftp://h/r', '-u', 'file://host/r', 'https://u:p@h/r', 'https://h/r x', '/local/path', 'ext::sh -c touch% /tmp/x'])(
    'rejects the git URL %j',
    (u) => expect(() => validateGitUrl(u)).toThrow(ValidationError),
  );

  it.each([
    ['.', '.'],
    ['./', '.'],
    ['app/web', 'app/web'],
    ['./a//b/', 'a/b'],
  ])('normalizes the path %j to %j', (p, want) => expect(validateRelativePath(p, 'f')).toBe(want));
  it.each(['/etc', '../x', 'a/../../b', 'a\\b', ''])('rejects the path %j', (p) => expect(() => validateRelativePath(p, 'f')).toThrow(ValidationError));

  it.each(['main', 'feature/x', 'v1.2'])('accepts the branch %s', (b) => expect(validateBranch(b)).toBe(b));
  it.each(['-x', 'a..b', 'a b', 'x.lock', 'a/', 'a@{1}'])('rejects the branch %j', (b) => expect(() => validateBranch(b)).toThrow(ValidationError));

  it('rejects reserved and malformed env keys', () => {
    expect(validateEnvKey('API_KEY')).toBe('API_KEY');
    expect(() => validateEnvKey('PORT')).toThrow(/set by the platform/);
    expect(() => validateEnvKey('1X')).toThrow(ValidationError);
    expect(() => validateEnvKey('A-B')).toThrow(ValidationError);
  });

  it('health paths start with a slash', () => {
    expect(validateHealthCheckPath('/healthz')).toBe('/healthz');
    expect(() => validateHealthCheckPath('healthz')).toThrow(ValidationError);
  });

  it.each([
    'api',
    'www',
    'admin',
    'console',
    'registry',
    'temporal',
    'minio',
    's3',
    'edge',
    'gateway',
    'paas',
    'status',
    'localhost',
    'preview-0a1b',
    'web-pr-12',
    'xn--80ak6aa92e',
  ])('reserves the app name %s for the platform', (n) => expect(() => validateAppName(n)).toThrow(/reserved/));
  it.each(['web-pr', 'pr-1', 'previewer', 'my-api'])('does not reserve %s', (n) => expect(validateAppName(n)).toBe(n));

  it.each(['https://ghp_abc@github.com/o/r.git', 'https://user:pass@h/r.git', 'http://tok@h/r', 'git://u@h/r', 'https://@h/r', 'https://u:@h/r'])(
    'refuses credentials in the git URL %s and points to gitToken',
    (u) => expect(() => validateGitUrl(u)).toThrow(/gitToken/),
  );
  it('lets an ssh:// URL name a user but never carry a password or an option', () => {
    expect(validateGitUrl('ssh://git@github.com/o/r.git')).toBe('ssh://git@github.com/o/r.git');
    expect(() => validateGitUrl('ssh://git:secret@h/r.git')).toThrow(/password/);
    expect(() => validateGitUrl('ssh://git:@h/r.git')).toThrow(/password/);
    expect(() => validateGitUrl('ssh://-oProxyCommand=touch%20x/r')).toThrow(ValidationError);
    expect(() => validateGitUrl('ssh://-u@h/r')).toThrow(ValidationError);
  });
  it.each(['file:///tmp/../etc', 'file:///tmp/./x', 'file:///tmp/%2e%2e/etc', 'file:/etc', 'file:///tmp/x?y', 'file://h/tmp/x'])(
    'refuses the non-canonical file URL %s',
    (u) => expect(() => validateGitUrl(u)).toThrow(ValidationError),
  );

  it('accepts real unencrypted keys made by ssh-keygen and refuses passphrase-protected ones', () => {
    const dir = mkdtempSync(join(tmpdir(), 'paas-keys-'));
    try {
      const make = (name: string, ...args: string[]) => {
        expect(spawnSync('ssh-keygen', ['-q', ...args, '-f', join(dir, name)]).status).toBe(0);
        return readFileSync(join(dir, name), 'utf8');
      };
      expect(validateGitSshKey(make('ed25519', '-t', 'ed25519', '-N', ''))).toMatch(/^-----BEGIN OPENSSH PRIVATE KEY-----\n/);
      expect(validateGitSshKey(make('rsa', '-t', 'rsa', '-b', '2048', '-m', 'PEM', '-N', ''))).toMatch(/^-----BEGIN RSA PRIVATE KEY-----\n/);
      expect(() => validateGitSshKey(make('locked', '-t', 'ed25519', '-N', 'a passphrase'))).toThrow(/passphrase/);
      expect(() => validateGitSshKey(make('locked-pem', '-t', 'rsa', '-b', '2048', '-m', 'PEM', '-N', 'a passphrase'))).toThrow(/passphrase/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('accepts only unencrypted-looking private keys', () => {
    const key = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n-----END OPENSSH PRIVATE KEY-----';
    expect(validateGitSshKey(`${key}\r\n`)).toBe(`${key}\n`);
    expect(() => validateGitSshKey('ssh-ed25519 AAAA public')).toThrow(/private key/);
    expect(() => validateGitSshKey(`${key}\n$(touch /tmp/x)`)).toThrow(ValidationError);
  });

  it('caps env vars by count, value size and total size, in bytes', () => {
    const limits = { ...DEFAULT_INPUT_LIMITS, envVarsPerApp: 3, envTotalBytes: 20 };
    const v = (key: string, value: string) => ({ key, value, secret: false });
    expect(validateEnvSet([v('A', '1'), v('B', '2'), v('C', '3')], limits)).toHaveLength(3);
    expect(() => validateEnvSet([v('A', '1'), v('B', '2'), v('C', '3'), v('D', '4')], limits)).toThrow(/at most 3 env vars \(PAAS_MAX_ENV_VARS\)/);
    expect(() => validateEnvSet([v('A', 'x'.repeat(19)), v('B', '')], limits)).toThrow(/PAAS_MAX_ENV_TOTAL_BYTES/);
    expect(() => validateEnvValue('K', 'é'.repeat(6), 11)).toThrow(/longer than 11 bytes/);
    expect(validateEnvValue('K', 'é'.repeat(5), 11)).toBe('é'.repeat(5));
  });

  it('reads the caps from the environment and refuses nonsense', () => {
    expect(inputLimitsFromEnv({ PAAS_MAX_ENV_VARS: '7', PAAS_MIN_REDEPLOY_INTERVAL_SEC: '5' })).toMatchObject({
      envVarsPerApp: 7,
      minRedeployIntervalSeconds: 5,
      schedulesPerApp: 10,
    });
    expect(() => inputLimitsFromEnv({ PAAS_MAX_SCHEDULES_PER_APP: '-1' })).toThrow(/PAAS_MAX_SCHEDULES_PER_APP/);
  });

  it('refuses schedules that fire more often than the minimum interval', () => {
    expect(validateCron('@every 60s')).toBe('@every 60s');
    expect(() => validateCron('@every 59s')).toThrow(/minimum interval of 60 s/);
    expect(validateCron('@every 5s', 5)).toBe('@every 5s');
    expect(validateCron('* * * * *')).toBe('* * * * *');
    expect(() => validateCron('* * * * *', 300)).toThrow(/fires every 60 s/);
    expect(validateCron('*/5 * * * *', 300)).toBe('*/5 * * * *');
    expect(() => validateCron('0,1 3 * * *', 300)).toThrow(/fires every 60 s/);
    expect(() => validateCron('59 23 * * *', 86_401)).toThrow(/fires every 86400 s/);
    expect(() => validateCron('5/0 * * * *')).toThrow(ValidationError);
  });
});
