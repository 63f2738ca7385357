import { describe, expect, it } from 'vitest';
import { emptyConnectForm, toConnectInput, validateConnectForm, type ConnectForgeForm } from './connect-forge-form';

const form = (over: Partial<ConnectForgeForm>): ConnectForgeForm => ({ ...emptyConnectForm, ...over });
const PEM = '-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----\n';

describe('the Connect forge form', () => {
  it('accepts a GitHub token without a base URL (the server defaults to github.com)', () => {
    expect(validateConnectForm(form({ token: 'ghp_abc' }))).toEqual({});
    expect(toConnectInput('t1', form({ token: ' ghp_abc ' }))).toEqual({ teamId: 't1', forge: 'GITHUB', baseUrl: null, token: 'ghp_abc', githubApp: null });
  });

  it('requires Gitea’s base URL, and a token', () => {
    expect(validateConnectForm(form({ forge: 'GITEA' }))).toEqual({
      baseUrl: expect.stringMatching(/required for Gitea/),
      token: 'An access token is required.',
    });
    expect(toConnectInput('t1', form({ forge: 'GITEA', baseUrl: 'https://gitea.example.com//', token: 'x' })).baseUrl).toBe('https://gitea.example.com');
  });

  it('refuses hostile base URLs and tokens before asking the server', () => {
    for (const baseUrl of ['javascript:alert(1)', 'file:///etc/passwd', 'gitea.example.com', 'ftp://x', 'https://user:pw@gitea.example.com'])
      expect([baseUrl, validateConnectForm(form({ forge: 'GITEA', baseUrl, token: 't' })).baseUrl]).toEqual([baseUrl, expect.any(String)]);
    expect(validateConnectForm(form({ token: 'two words' })).token).toMatch(/no spaces/);
    expect(validateConnectForm(form({ token: '   ' })).token).toBe('An access token is required.');
  });

  it('takes a GitHub App as app id, installation id and private key, and sends no token with it', () => {
    const app = form({ auth: 'GITHUB_APP', appId: '12345', installationId: '678', privateKey: PEM, token: 'left over' });
    expect(validateConnectForm(app)).toEqual({});
    expect(toConnectInput('t1', app)).toEqual({
      teamId: 't1',
      forge: 'GITHUB',
      baseUrl: null,
      token: null,
      githubApp: { appId: '12345', installationId: '678', privateKey: PEM.trim() },
    });
    expect(Object.keys(validateConnectForm(form({ auth: 'GITHUB_APP', appId: 'abc', installationId: '', privateKey: 'not a key' }))).sort()).toEqual([
      'appId',
      'installationId',
      'privateKey',
    ]);
  });

  it('uses a token for GitLab and Gitea even if the GitHub App choice was left selected', () => {
    const gitlab = form({ forge: 'GITLAB', auth: 'GITHUB_APP', token: 'glpat-x' });
    expect(validateConnectForm(gitlab)).toEqual({});
    expect(toConnectInput('t1', gitlab)).toMatchObject({ forge: 'GITLAB', token: 'glpat-x', githubApp: null });
  });
});
