import { OutboundAllowList } from '@paas/outbound';
import { describe, expect, it } from 'vitest';
import { apiRoot, normalizeBaseUrl, repositoryOf, repositoryUnder } from './forge-url.js';

const none = new OutboundAllowList([]);
const lan = new OutboundAllowList(['gitea.lan:3000']);

describe('forge base URLs', () => {
  it('defaults GitHub and GitLab, requires Gitea, and normalizes', () => {
    expect(normalizeBaseUrl('GITHUB', null, none)).toBe('https://github.com');
    expect(normalizeBaseUrl('GITLAB', ' ', none)).toBe('https://gitlab.com');
    expect(() => normalizeBaseUrl('GITEA', undefined, none)).toThrow(/needs the forge's base URL/);
    expect(normalizeBaseUrl('GITEA', 'https://Gitea.Example.com/git///', none)).toBe('https://gitea.example.com/git');
  });

  it('refuses plain http unless PAAS_OUTBOUND_ALLOW lists the host, and anything but http(s), credentials, queries', () => {
    expect(() => normalizeBaseUrl('GITEA', 'http://169.254.169.254', none)).toThrow(/https/);
    expect(() => normalizeBaseUrl('GITEA', 'http://gitea.lan:3000', none)).toThrow(/https/);
    expect(normalizeBaseUrl('GITEA', 'http://gitea.lan:3000/', lan)).toBe('http://gitea.lan:3000');
    for (const bad of ['file:///etc/passwd', 'ftp://x.example', 'javascript:alert(1)', 'gopher://x'])
      expect(() => normalizeBaseUrl('GITEA', bad, lan)).toThrow();
    expect(() => normalizeBaseUrl('GITEA', 'https://u:p@gitea.example.com', none)).toThrow(/user name or password/);
    expect(() => normalizeBaseUrl('GITEA', 'https://gitea.example.com/?x=1', none)).toThrow(/query/);
    expect(() => normalizeBaseUrl('GITEA', `https://x.example/${'a'.repeat(300)}`, none)).toThrow(/longer/);
    expect(() => normalizeBaseUrl('GITEA', 'not a url', none)).toThrow(/not a URL/);
  });

  it('finds each API under its base URL', () => {
    expect(apiRoot('GITHUB', 'https://github.com')).toBe('https://api.github.com');
    expect(apiRoot('GITHUB', 'https://ghe.example.com')).toBe('https://ghe.example.com/api/v3');
    expect(apiRoot('GITLAB', 'https://gitlab.com')).toBe('https://gitlab.com/api/v4');
    expect(apiRoot('GITEA', 'https://x.example/git')).toBe('https://x.example/git/api/v1');
  });
});

describe("an app's repository on a connection", () => {
  it('reads host, owner and name from https, ssh and scp-style URLs', () => {
    expect(repositoryOf('https://github.com/acme/widget.git')).toEqual({ host: 'github.com', fullName: 'acme/widget', owner: 'acme' });
    expect(repositoryOf('http://127.0.0.1:3000/u/r')).toEqual({ host: '127.0.0.1:3000', fullName: 'u/r', owner: 'u' });
    expect(repositoryOf('git@github.com:acme/widget.git')).toEqual({ host: 'github.com', fullName: 'acme/widget', owner: 'acme' });
    expect(repositoryOf('ssh://git@gitlab.com:2222/group/sub/proj.git')).toEqual({ host: 'gitlab.com', fullName: 'group/sub/proj', owner: 'group' });
    expect(repositoryOf('file:///srv/repo')).toBeNull();
    expect(repositoryOf('https://github.com/only-owner')).toBeNull();
  });

  it("matches a connection's host and base path only", () => {
    expect(repositoryUnder('https://github.com', 'https://github.com/acme/widget.git')).toEqual({ host: 'github.com', fullName: 'acme/widget', owner: 'acme' });
    expect(repositoryUnder('https://github.com', 'https://github.com.evil.example/acme/widget.git')).toBeNull();
    expect(repositoryUnder('https://x.example/git', 'https://x.example/git/u/r.git')).toEqual({ fullName: 'u/r', owner: 'u' });
    expect(repositoryUnder('https://x.example/git', 'https://x.example/other/u/r.git')).toBeNull();
    expect(repositoryUnder('http://127.0.0.1:3000', 'http://127.0.0.1:4000/u/r')).toBeNull();
    expect(repositoryUnder('https://gitea.example.com:3000', 'git@gitea.example.com:u/r.git')).toMatchObject({ fullName: 'u/r' });
  });
});
