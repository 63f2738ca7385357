import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { discordBody, emailMessage, signBody, slackBody, summaryOf, verifySignature, webhookBody, type NotificationPayload } from './payloads.js';

const payload = (over: Partial<NotificationPayload['deployment']> = {}, name = 'web'): NotificationPayload => ({
  event: 'deployment.failed',
  at: '2026-11-24T15:00:00.000Z',
  summary: summaryOf('deployment.failed', name, over.error ?? 'VERIFY failed: no answer'),
  team: { id: 't1' },
  app: { id: 'a1', name },
  deployment: {
    id: 'd1',
    status: 'FAILED',
    trigger: 'MANUAL',
    commit: '0123456789abcdef0123',
    error: 'VERIFY failed: no answer',
    url: 'https://paas.example/apps/a1',
    ...over,
  },
});

describe('notification signature', () => {
  it('is sha256=<hex HMAC-SHA256 of the raw body>, as any receiver computes it', () => {
    const body = webhookBody(payload());
    const expected = createHmac('sha256', 's3cret').update(Buffer.from(body)).digest('hex');
    expect(signBody(body, 's3cret')).toBe(`sha256=${expected}`);
    expect(verifySignature(Buffer.from(body), 's3cret', `sha256=${expected}`)).toBe(true);
  });

  it('does not verify with another secret, another body, a missing or a malformed header', () => {
    const body = webhookBody(payload());
    const header = signBody(body, 's3cret');
    expect(verifySignature(body, 'other', header)).toBe(false);
    expect(verifySignature(`${body} `, 's3cret', header)).toBe(false);
    expect(verifySignature(body, 's3cret', undefined)).toBe(false);
    expect(verifySignature(body, 's3cret', 'sha256=')).toBe(false);
    expect(verifySignature(body, 's3cret', header.toUpperCase())).toBe(false);
  });

  it('the same event always gives the same bytes (a retry sends and signs the same body)', () => {
    expect(webhookBody(payload())).toBe(webhookBody(payload()));
  });
});

describe('notification formats', () => {
  it('WEBHOOK: the event as JSON', () => {
    const body = JSON.parse(webhookBody(payload()));
    expect(body).toMatchObject({ event: 'deployment.failed', app: { id: 'a1', name: 'web' }, deployment: { id: 'd1', status: 'FAILED' } });
    expect(body.summary).toBe('web: deployment failed (VERIFY failed: no answer)');
  });

  it("SLACK: Slack's incoming-webhook shape, user text escaped", () => {
    const body = JSON.parse(slackBody(payload({ error: '<!channel> & <https://evil|click>' }, 'web')));
    expect(typeof body.text).toBe('string');
    expect(body.text).not.toContain('<!channel>');
    expect(body.text).toContain('&lt;!channel&gt; &amp;');
    expect(body.attachments).toHaveLength(1);
    const [a] = body.attachments;
    expect(a).toMatchObject({ color: '#e01e5a', title: 'web: deployment failed', title_link: 'https://paas.example/apps/a1', ts: 1795532400 });
    expect(a.fields).toContainEqual({ title: 'Commit', value: '0123456789ab', short: true });
    expect(a.fields.find((f: { title: string }) => f.title === 'Error').value).not.toContain('<');
  });

  it("DISCORD: Discord's webhook shape, no mentions, markdown escaped, within its limits", () => {
    const body = JSON.parse(discordBody(payload({ error: '@everyone **bold** ' + 'x'.repeat(3000) }, 'a'.repeat(300))));
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(body.content.length).toBeLessThanOrEqual(2000);
    expect(body.content).toContain('\\@everyone \\*\\*bold\\*\\*');
    expect(body.embeds).toHaveLength(1);
    const [e] = body.embeds;
    expect(e.title.length).toBeLessThanOrEqual(256);
    expect(e).toMatchObject({ url: 'https://paas.example/apps/a1', color: 0xe01e5a, timestamp: '2026-11-24T15:00:00.000Z' });
    for (const f of e.fields) expect(f.value.length).toBeLessThanOrEqual(1024);
  });

  it('EMAIL: a one-line subject (no header injection) and the details in the text', () => {
    const { subject, text } = emailMessage(payload({ error: 'bad\r\nBcc: victim@example.com' }));
    expect(subject).not.toMatch(/[\r\n]/);
    expect(subject.startsWith('[paas] web: deployment failed')).toBe(true);
    expect(text).toContain('Details: https://paas.example/apps/a1');
    expect(text).toContain('Event: deployment.failed at 2026-11-24T15:00:00.000Z');
  });
});
