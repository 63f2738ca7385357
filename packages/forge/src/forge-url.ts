// A connection's base URL (the forge's web address, e.g. https://gitea.example.com) and its API
// root, and which connection an app's git URL belongs to. The base URL is typed by a user: it is
// checked here (https, or plain http only for hosts PAAS_OUTBOUND_ALLOW lists) and every request
// still goes through the outbound guard, which refuses private and metadata addresses.
import { OutboundAllowList, plainHttpAllowed } from '@paas/outbound';
import type { ForgeKind } from './forge-types.js';

export class ForgeUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ForgeUrlError';
  }
}

const DEFAULT_BASE: Partial<Record<ForgeKind, string>> = { GITHUB: 'https://github.com', GITLAB: 'https://gitlab.com' };
const MAX_URL = 300;

/** The normalized base URL (origin plus path, no trailing slash), or a ForgeUrlError saying what is wrong. */
export function normalizeBaseUrl(forge: ForgeKind, raw: string | null | undefined, allowList: OutboundAllowList = OutboundAllowList.fromEnv()): string {
  const given = raw?.trim() || DEFAULT_BASE[forge];
  if (!given) throw new ForgeUrlError(`A ${forge} connection needs the forge's base URL (e.g. https://gitea.example.com).`);
  if (given.length > MAX_URL) throw new ForgeUrlError(`The base URL is longer than ${MAX_URL} characters.`);
  let url: URL;
  try {
    url = new URL(given);
  } catch {
    throw new ForgeUrlError('The base URL is not a URL; use e.g. https://gitea.example.com.');
  }
  if (url.username || url.password) throw new ForgeUrlError('The base URL may not contain a user name or password; give the token separately.');
  if (url.search || url.hash) throw new ForgeUrlError('The base URL may not have a query or fragment.');
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ForgeUrlError('The base URL must use https.');
  if (!plainHttpAllowed(url, allowList)) throw new ForgeUrlError('The base URL must use https (plain http only for hosts PAAS_OUTBOUND_ALLOW lists).');
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** Where the forge's REST API lives under a connection's base URL. */
export function apiRoot(forge: ForgeKind, baseUrl: string): string {
  switch (forge) {
    case 'GITHUB':
      // github.com's API has a host of its own; GitHub Enterprise Server serves it under /api/v3
      return new URL(baseUrl).host === 'github.com' ? 'https://api.github.com' : `${baseUrl}/api/v3`;
    case 'GITLAB':
      return `${baseUrl}/api/v4`;
    case 'GITEA':
      return `${baseUrl}/api/v1`;
  }
}

/** host[:port], the path under the forge's root, and the repository's owner/name, of an app's http(s) or ssh git URL; null for anything else. */
export function repositoryOf(gitUrl: string): { host: string; fullName: string; owner: string } | null {
  let host: string;
  let path: string;
  const scp = /^(?:[\w.-]+@)?([\w.-]+):(?!\/\/)(.+)$/.exec(gitUrl); // git@github.com:owner/repo.git
  if (scp && !/^[a-z]+:\/\//i.test(gitUrl)) {
    host = scp[1].toLowerCase();
    path = scp[2];
  } else {
    let url: URL;
    try {
      url = new URL(gitUrl);
    } catch {
      return null;
    }
    if (!['http:', 'https:', 'ssh:', 'git:'].includes(url.protocol)) return null;
    host = url.protocol === 'ssh:' ? url.hostname.toLowerCase() : url.host.toLowerCase();
    path = decodeURIComponent(url.pathname);
  }
  const parts = path
    .replace(/^\/+|\/+$/g, '')
    .replace(/\.git$/, '')
    .split('/')
    .filter(Boolean);
  if (parts.length < 2) return null;
  return { host, fullName: parts.join('/'), owner: parts[0] };
}

/** The path of a repository relative to the connection's base path (a forge served under /git/ prefixes its repositories with it). */
export function repositoryUnder(baseUrl: string, gitUrl: string): { fullName: string; owner: string } | null {
  const repo = repositoryOf(gitUrl);
  if (!repo) return null;
  const base = new URL(baseUrl);
  const sameHost = repo.host === base.host.toLowerCase() || repo.host === base.hostname.toLowerCase();
  if (!sameHost) return null;
  const prefix = base.pathname.replace(/^\/+|\/+$/g, '');
  if (!prefix) return repo;
  if (!repo.fullName.startsWith(`${prefix}/`)) return null;
  const fullName = repo.fullName.slice(prefix.length + 1);
  const owner = fullName.split('/')[0];
  return fullName.includes('/') ? { fullName, owner } : null;
}
