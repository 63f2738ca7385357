// The platform's own outgoing HTTP (OAuth providers, forge APIs, notification receivers) goes
// through here, so that a URL someone typed cannot make the platform call its own services, the
// cloud's metadata endpoint or the operator's LAN (SSRF). The address is checked when the
// connection is made, after DNS, so a name that resolves to 127.0.0.1 — or starts to after a
// first check (DNS rebinding) — is refused too; redirects are not followed.
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import { Agent, buildConnector, fetch as undiciFetch, type RequestInit, type Response } from 'undici';
import { OutboundAllowList, portOf } from './allow-list.js';
import { isNonPublicAddress } from './private-address.js';

export class OutboundRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutboundRefusedError';
  }
}

const refusedAddress = (host: string, address: string) =>
  new OutboundRefusedError(
    `${host} resolves to ${address}, a loopback, private or link-local address: the platform does not send requests there unless PAAS_OUTBOUND_ALLOW lists it`,
  );

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** dns.lookup that fails for names resolving to any non-public address. */
function publicOnlyLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, []);
    const bad = addresses.find((a) => isNonPublicAddress(a.address));
    if (bad) return callback(refusedAddress(hostname, bad.address), []);
    if (options.all) return callback(null, addresses);
    return callback(null, addresses[0].address, addresses[0].family);
  });
}

export type OutboundFetch = (url: string | URL, init?: RequestInit) => Promise<Response>;

export function createOutboundFetch(allowList: OutboundAllowList = OutboundAllowList.fromEnv(), options: { timeoutMs?: number } = {}): OutboundFetch {
  const direct = buildConnector({});
  const guarded = buildConnector({ lookup: publicOnlyLookup });
  const dispatcher = new Agent({
    connect: (opts, callback) => {
      const port = Number(opts.port) || (opts.protocol === 'https:' ? 443 : 80);
      if (allowList.allows(opts.hostname, port)) return direct(opts, callback);
      const literal = opts.hostname.replace(/^\[|\]$/g, '');
      if (isIP(literal) && isNonPublicAddress(literal)) return callback(refusedAddress(opts.hostname, literal), null);
      return guarded(opts, callback);
    },
  });
  const timeoutMs = options.timeoutMs ?? 15_000;
  return async (url, init = {}) => {
    const target = new URL(url);
    if (target.protocol !== 'https:' && target.protocol !== 'http:') throw new OutboundRefusedError(`${target.protocol} URLs are not fetched; use https`);
    if (target.username || target.password) throw new OutboundRefusedError('URLs with a user name or password are not fetched');
    try {
      return await undiciFetch(target, { signal: AbortSignal.timeout(timeoutMs), ...init, redirect: 'manual', dispatcher });
    } catch (err) {
      // undici wraps the connector's error as `fetch failed`; the reason is the part worth showing
      const cause = (err as { cause?: unknown }).cause;
      if (cause instanceof OutboundRefusedError) throw cause;
      throw err;
    }
  };
}

/** Whether a URL may be used over plain HTTP: only for hosts the operator listed (tests, LAN forges). */
export function plainHttpAllowed(url: URL, allowList: OutboundAllowList = OutboundAllowList.fromEnv()): boolean {
  return url.protocol === 'https:' || (url.protocol === 'http:' && allowList.allows(url.hostname, portOf(url)));
}
