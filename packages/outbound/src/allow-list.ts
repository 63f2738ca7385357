// PAAS_OUTBOUND_ALLOW (contract README): the loopback or private `host` / `host:port` entries the
// platform's own outgoing requests may reach anyway — the tests' local forge and receivers, or an
// operator's in-house GitLab. Everything else must resolve to public addresses only.
import { isIP } from 'node:net';

export class OutboundAllowList {
  private readonly entries: { host: string; port: number | null }[];

  constructor(entries: readonly string[]) {
    this.entries = entries.map(parseEntry);
  }

  static fromEnv(env: NodeJS.ProcessEnv = process.env): OutboundAllowList {
    return new OutboundAllowList(
      (env.PAAS_OUTBOUND_ALLOW ?? '')
        .split(',')
        .map((e) => e.trim())
        .filter(Boolean),
    );
  }

  /** Whether a request to this host and port (the port a URL resolves to, default ports included) is listed. */
  allows(host: string, port: number): boolean {
    const h = normalizeHost(host);
    return this.entries.some((e) => e.host === h && (e.port === null || e.port === port));
  }

  allowsUrl(url: URL): boolean {
    return this.allows(url.hostname, portOf(url));
  }
}

export function portOf(url: URL): number {
  if (url.port) return Number(url.port);
  return url.protocol === 'https:' ? 443 : 80;
}

function normalizeHost(host: string): string {
  return host.replace(/^\[|\]$/g, '').toLowerCase();
}

function parseEntry(raw: string): { host: string; port: number | null } {
  // `[::1]:8080`, `[::1]`, `::1`, `host:port`, `host`
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(raw);
  if (bracketed) return { host: normalizeHost(bracketed[1]), port: bracketed[2] ? checkPort(bracketed[2], raw) : null };
  if (isIP(raw) === 6) return { host: normalizeHost(raw), port: null };
  const [host, port, ...rest] = raw.split(':');
  if (!host || rest.length > 0) throw new Error(`PAAS_OUTBOUND_ALLOW: "${raw}" is not a host or host:port`);
  return { host: normalizeHost(host), port: port === undefined ? null : checkPort(port, raw) };
}

function checkPort(port: string, raw: string): number {
  const n = Number(port);
  if (!/^\d+$/.test(port) || n < 1 || n > 65535) throw new Error(`PAAS_OUTBOUND_ALLOW: "${raw}" has no valid port`);
  return n;
}
