// The Connect forge form's state and checks. The server checks the credentials against the forge;
// this catches what can be told without asking it, so a mistake is named before the round trip.
import type { ForgeName } from '../app-page/push-to-deploy';

export interface ConnectForgeForm {
  forge: ForgeName;
  baseUrl: string;
  auth: 'TOKEN' | 'GITHUB_APP';
  token: string;
  appId: string;
  privateKey: string;
  installationId: string;
}

export const emptyConnectForm: ConnectForgeForm = { forge: 'GITHUB', baseUrl: '', auth: 'TOKEN', token: '', appId: '', privateKey: '', installationId: '' };

/** What the server uses when no base URL is given (Gitea has no public default). */
export const DEFAULT_BASE_URL: Record<ForgeName, string | null> = { GITHUB: 'https://github.com', GITLAB: 'https://gitlab.com', GITEA: null };

export type ConnectForgeErrors = Partial<Record<'baseUrl' | 'token' | 'appId' | 'privateKey' | 'installationId', string>>;

export function validateConnectForm(f: ConnectForgeForm): ConnectForgeErrors {
  const errors: ConnectForgeErrors = {};
  const baseUrl = f.baseUrl.trim();
  if (!baseUrl) {
    if (!DEFAULT_BASE_URL[f.forge]) errors.baseUrl = 'The base URL is required for Gitea, e.g. https://gitea.example.com.';
  } else {
    let url: URL | null = null;
    try {
      url = new URL(baseUrl);
    } catch {
      url = null;
    }
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) errors.baseUrl = 'The base URL must be an https:// (or http://) address.';
    else if (url.username || url.password) errors.baseUrl = 'The base URL must not carry credentials; give the token below.';
  }
  if (f.auth === 'GITHUB_APP' && f.forge === 'GITHUB') {
    if (!/^\d{1,20}$/.test(f.appId.trim())) errors.appId = 'The App ID is a number (the App’s settings page shows it).';
    if (!/^\d{1,20}$/.test(f.installationId.trim())) errors.installationId = 'The installation ID is a number (the end of the installation’s settings URL).';
    if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(f.privateKey))
      errors.privateKey = 'Paste the App’s private key (the .pem file GitHub gave, BEGIN … PRIVATE KEY).';
  } else if (!f.token.trim()) {
    errors.token = 'An access token is required.';
  } else if (/\s/.test(f.token.trim())) {
    errors.token = 'An access token has no spaces.';
  }
  return errors;
}

/** The ConnectForgeInput for the form: exactly one of token and githubApp, as the server wants. */
export function toConnectInput(teamId: string, f: ConnectForgeForm) {
  const common = { teamId, forge: f.forge, baseUrl: f.baseUrl.trim().replace(/\/+$/, '') || null };
  if (f.auth === 'GITHUB_APP' && f.forge === 'GITHUB') {
    return { ...common, token: null, githubApp: { appId: f.appId.trim(), installationId: f.installationId.trim(), privateKey: f.privateKey.trim() } };
  }
  return { ...common, token: f.token.trim(), githubApp: null };
}
