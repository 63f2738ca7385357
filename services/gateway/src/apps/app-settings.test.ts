import fc from 'fast-check';
import { ValidationError } from '@paas/contracts';
import { describe, expect, it } from 'vitest';
import { withoutCredentials } from './app.mapper.js';
import { validateAppSettings, type AppSettings } from './app-settings.js';

const KEY = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n-----END OPENSSH PRIVATE KEY-----';
const stored: AppSettings = {
  gitUrl: 'https://git.example.invalid/o/r.git',
  branch: 'main',
  rootDirectory: '.',
  dockerfilePath: 'Dockerfile',
  buildImage: null,
  buildCommand: null,
  outputDirectory: null,
  spaFallback: false,
  port: 8080,
  healthCheckPath: '/',
  memoryMb: 256,
  cpus: 0.5,
};

describe('app settings: one set of rules for createApp and updateApp', () => {
  it('an update changes only the given fields', () => {
    const { settings, credential } = validateAppSettings('SERVICE', { healthCheckPath: '/healthz', port: 3000 }, { settings: stored, hasCredential: true });
    expect(settings).toEqual({ ...stored, healthCheckPath: '/healthz', port: 3000 });
    expect(credential).toBe('keep');
  });

  it('an update is checked like a create', () => {
    for (const bad of [{ rootDirectory: '../x' }, { port: 70000 }, { healthCheckPath: 'x' }, { gitUrl: 'https://t@h/r' }, { branch: '-x' }]) {
      expect(() => validateAppSettings('SERVICE', bad, { settings: stored, hasCredential: false })).toThrow(ValidationError);
      expect(() => validateAppSettings('SERVICE', { gitUrl: stored.gitUrl, ...bad })).toThrow(ValidationError);
    }
  });

  it('a credential stays with its origin: another host drops it unless a new one comes along', () => {
    const current = { settings: stored, hasCredential: true };
    expect(validateAppSettings('SERVICE', { gitUrl: 'https://git.example.invalid/o/other.git' }, current).credential).toBe('keep');
    expect(validateAppSettings('SERVICE', { gitUrl: 'https://evil.example.invalid/o/r.git' }, current).credential).toEqual({ set: null });
    expect(validateAppSettings('SERVICE', { gitUrl: 'https://evil.example.invalid/o/r.git', gitToken: 't2' }, current).credential).toEqual({ set: 't2' });
    expect(validateAppSettings('SERVICE', { gitToken: '' }, current).credential).toEqual({ set: null });
  });

  it('ssh:// needs a key, given now or kept from before; tokens and keys go with their schemes', () => {
    expect(() => validateAppSettings('SERVICE', { gitUrl: 'ssh://git@h/r.git' })).toThrow(/gitSshKey/);
    expect(validateAppSettings('SERVICE', { gitUrl: 'ssh://git@h/r.git', gitSshKey: KEY }).credential).toEqual({ set: `${KEY}\n` });
    const sshApp = { settings: { ...stored, gitUrl: 'ssh://git@h/r.git' }, hasCredential: true };
    expect(validateAppSettings('SERVICE', { branch: 'dev' }, sshApp).credential).toBe('keep');
    expect(() => validateAppSettings('SERVICE', { gitSshKey: '' }, sshApp)).toThrow(/gitSshKey/);
    expect(() => validateAppSettings('SERVICE', { gitUrl: 'ssh://git@other/r.git' }, sshApp)).toThrow(/gitSshKey/);
    expect(() => validateAppSettings('SERVICE', { gitUrl: 'ssh://git@h/r.git', gitToken: 'x' })).toThrow(/gitToken is only used/);
    expect(() => validateAppSettings('SERVICE', { gitUrl: 'https://h/r.git', gitSshKey: KEY })).toThrow(/gitSshKey is only used/);
  });

  it('App.gitUrl never shows user info of a stored http(s) URL; ssh keeps only its user name', () => {
    expect(withoutCredentials('https://ghp_x@github.com/o/r.git')).toBe('https://github.com/o/r.git');
    expect(withoutCredentials('ssh://git:pw@h/r.git')).toBe('ssh://git@h/r.git');
    fc.assert(
      fc.property(
        fc.webUrl({ withQueryParameters: true }),
        fc.stringMatching(/^[A-Za-z0-9_.-]{1,10}$/),
        fc.stringMatching(/^[A-Za-z0-9_.-]{0,10}$/),
        (url, user, pass) => {
          const withUser = url.replace('://', `://${user}${pass ? `:${pass}` : ''}@`);
          const shown = new URL(withoutCredentials(withUser));
          expect(shown.username).toBe('');
          expect(shown.password).toBe('');
        },
      ),
      { numRuns: 500 },
    );
  });
});
