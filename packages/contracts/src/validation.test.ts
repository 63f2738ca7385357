import { describe, expect, it } from 'vitest';
import { ValidationError, validateAppName, validateBranch, validateEnvKey, validateGitUrl, validateHealthCheckPath, validateRelativePath } from './validation.js';

describe('validation', () => {
  it.each(['web', 'a', 'my-app-2', 'a'.repeat(63)])('accepts the app name %s', (n) => expect(validateAppName(n)).toBe(n));
  it.each(['', 'Web', 'my_app', '-a', 'a-', 'a'.repeat(64), 'a.b', 'ä'])('rejects the app name %j', (n) => expect(() => validateAppName(n)).toThrow(ValidationError));

  it.each(['https://example.invalid/r.git', 'http://h/r', 'git://h/r', 'ssh://git@h/r.git', 'file:///srv/repo'])('accepts the git URL %s', (u) => expect(validateGitUrl(u)).toBe(u));
  it.each(['', 'ftp://h/r', '-u', 'file://host/r', 'https://u:p@h/r', 'https://h/r x', '/local/path', 'ext::sh -c touch% /tmp/x'])('rejects the git URL %j', (u) =>
    expect(() => validateGitUrl(u)).toThrow(ValidationError),
  );

  it.each([['.', '.'], ['./', '.'], ['app/web', 'app/web'], ['./a//b/', 'a/b']])('normalizes the path %j to %j', (p, want) => expect(validateRelativePath(p, 'f')).toBe(want));
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
});
