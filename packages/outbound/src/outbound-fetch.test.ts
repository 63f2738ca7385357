import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutboundAllowList } from './allow-list.js';
import { createOutboundFetch, OutboundRefusedError, plainHttpAllowed } from './outbound-fetch.js';

describe('outbound requests', () => {
  let server: Server;
  let port: number;
  let hits = 0;

  beforeAll(async () => {
    server = createServer((req, res) => {
      hits++;
      if (req.url === '/redirect') res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
      else res.end('reached');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('refuses loopback, private and metadata addresses, by literal or by name, before any byte is sent', async () => {
    const fetch = createOutboundFetch(new OutboundAllowList([]), { timeoutMs: 3000 });
    const before = hits;
    for (const url of [
      `http://127.0.0.1:${port}/`,
      `http://localhost:${port}/`,
      `http://[::1]:${port}/`,
      `http://[::ffff:127.0.0.1]:${port}/`,
      'http://169.254.169.254/latest/meta-data/',
      'http://10.1.2.3/',
      'http://0.0.0.0/',
    ])
      await expect(fetch(url), url).rejects.toThrow(OutboundRefusedError);
    expect(hits).toBe(before);
  });

  it('says why in words', async () => {
    const fetch = createOutboundFetch(new OutboundAllowList([]));
    await expect(fetch(`http://localhost:${port}/`)).rejects.toThrow(/resolves to 127\.0\.0\.1.*PAAS_OUTBOUND_ALLOW/);
  });

  it('reaches a host:port that PAAS_OUTBOUND_ALLOW lists, and only that port', async () => {
    const fetch = createOutboundFetch(OutboundAllowList.fromEnv({ PAAS_OUTBOUND_ALLOW: ` 127.0.0.1:${port} , gitea.internal` }));
    expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe('reached');
    await expect(fetch(`http://127.0.0.1:${port + 1}/`)).rejects.toThrow(OutboundRefusedError);
  });

  it('does not follow redirects (a public page could send us to the metadata address)', async () => {
    const fetch = createOutboundFetch(new OutboundAllowList([`127.0.0.1:${port}`]));
    const res = await fetch(`http://127.0.0.1:${port}/redirect`);
    expect(res.status).toBe(302);
  });

  it('refuses other schemes and URLs with credentials', async () => {
    const fetch = createOutboundFetch(new OutboundAllowList([]));
    await expect(fetch('file:///etc/passwd')).rejects.toThrow(/file: URLs are not fetched/);
    await expect(fetch('https://user:pw@example.com/')).rejects.toThrow(/user name or password/);
  });

  it('allows plain HTTP only for listed hosts', () => {
    const list = new OutboundAllowList(['127.0.0.1:3000', '[::1]']);
    expect(plainHttpAllowed(new URL('http://127.0.0.1:3000/x'), list)).toBe(true);
    expect(plainHttpAllowed(new URL('http://[::1]:9/x'), list)).toBe(true);
    expect(plainHttpAllowed(new URL('http://127.0.0.1:3001/x'), list)).toBe(false);
    expect(plainHttpAllowed(new URL('http://example.com/x'), list)).toBe(false);
    expect(plainHttpAllowed(new URL('https://example.com/x'), list)).toBe(true);
  });

  it('refuses a malformed allow-list entry at start rather than guessing', () => {
    expect(() => new OutboundAllowList(['127.0.0.1:99999'])).toThrow(/no valid port/);
    expect(() => new OutboundAllowList(['a:b:c'])).toThrow(/not a host or host:port/);
  });
});
