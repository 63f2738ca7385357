// The sender against a local HTTP receiver, through the real outbound guard: what it sends for a
// WEBHOOK (signed body, headers) and how it reads the answer (retry, or give up for good).
import { createOutboundFetch, OutboundAllowList } from '@paas/outbound';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotificationSender, PermanentDeliveryError } from './notification-sender.js';
import { summaryOf, verifySignature, type NotificationPayload } from './payloads.js';

const payload: NotificationPayload = {
  event: 'deployment.succeeded',
  at: '2026-11-24T15:00:00.000Z',
  summary: summaryOf('deployment.succeeded', 'web', null),
  team: { id: 't1' },
  app: { id: 'a1', name: 'web' },
  deployment: { id: 'd1', status: 'LIVE', trigger: 'MANUAL', commit: null, error: null, url: 'https://paas.example/' },
};

describe('NotificationSender', () => {
  let server: Server;
  let port: number;
  const seen: { headers: IncomingHttpHeaders; body: string }[] = [];
  let status = 200;

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        seen.push({ headers: req.headers, body });
        res.writeHead(status, status >= 300 && status < 400 ? { location: 'http://169.254.169.254/' } : {}).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const sender = (allowed = true) =>
    new NotificationSender(
      { url: null, from: 'paas@localhost' },
      createOutboundFetch(new OutboundAllowList(allowed ? [`127.0.0.1:${port}`] : []), { timeoutMs: 5000 }),
    );
  const webhook = () => ({ kind: 'WEBHOOK' as const, target: `http://127.0.0.1:${port}/hook`, secret: 'k' });

  it('POSTs the signed JSON event with the event and delivery headers', async () => {
    status = 200;
    await sender().send(webhook(), payload, 'del-1');
    const last = seen.at(-1)!;
    expect(JSON.parse(last.body)).toEqual(payload);
    expect(verifySignature(last.body, 'k', last.headers['x-paas-signature'] as string)).toBe(true);
    expect(last.headers).toMatchObject({ 'content-type': 'application/json', 'x-paas-event': 'deployment.succeeded', 'x-paas-delivery': 'del-1' });
  });

  it('5xx, 408 and 429 are worth retrying; redirects and other 4xx are not', async () => {
    for (const s of [500, 503, 408, 429]) {
      status = s;
      const err = await sender()
        .send(webhook(), payload, 'd')
        .catch((e: unknown) => e);
      expect([s, err instanceof PermanentDeliveryError, (err as Error).message]).toEqual([s, false, `the receiver answered HTTP ${s}`]);
    }
    for (const s of [301, 400, 404, 410]) {
      status = s;
      await expect(sender().send(webhook(), payload, 'd')).rejects.toBeInstanceOf(PermanentDeliveryError);
    }
  });

  it('an address the guard refuses at delivery is refused for good, before any byte is sent', async () => {
    const before = seen.length;
    await expect(sender(false).send(webhook(), payload, 'd')).rejects.toBeInstanceOf(PermanentDeliveryError);
    expect(seen.length).toBe(before);
  });

  it('a receiver that is not there is worth retrying; EMAIL without an SMTP server is refused for good', async () => {
    const gone = { kind: 'SLACK' as const, target: `http://127.0.0.1:${port}/x`, secret: null };
    const closed = new NotificationSender(
      { url: null, from: 'paas@localhost' },
      createOutboundFetch(new OutboundAllowList(['127.0.0.1:1']), { timeoutMs: 5000 }),
    );
    const err = await closed.send({ ...gone, target: 'http://127.0.0.1:1/x' }, payload, 'd').catch((e: unknown) => e);
    expect(err).not.toBeInstanceOf(PermanentDeliveryError);
    expect((err as Error).message).toMatch(/could not reach the receiver/);
    await expect(sender().send({ kind: 'EMAIL', target: 'ops@example.com', secret: null }, payload, 'd')).rejects.toThrow(/no SMTP server is configured/);
  });
});
