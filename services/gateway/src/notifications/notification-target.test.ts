import { describe, expect, it } from 'vitest';
import { checkedEvents, checkedTarget } from './notification-target.js';

describe('notification channel input', () => {
  it.each(['ops@example.com', 'first.last+tag@sub.example.org', 'ops@bücher.example'])('takes the email address %s', async (a) => {
    expect(await checkedTarget('EMAIL', a)).toBe(a);
  });

  it.each([
    'not-an-address',
    'ops@',
    '@example.com',
    'ops@localhost',
    'Ops <ops@example.com>',
    'a@example.com, b@example.com',
    'ops@exa mple.com',
    'ops@-bad-.example.com',
    'team: a@example.com;',
    `${'x'.repeat(65)}@example.com`,
    'ops@example.com\r\nBcc: victim@example.com',
  ])('refuses %j as an email address', async (a) => {
    await expect(checkedTarget('EMAIL', a)).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('refuses URLs the outbound rules refuse, saying why', async () => {
    await expect(checkedTarget('WEBHOOK', 'http://169.254.169.254/')).rejects.toThrow(/does not send notifications to .*plain http/);
    await expect(checkedTarget('SLACK', 'https://10.0.0.1/')).rejects.toThrow(/loopback, private or link-local/);
    await expect(checkedTarget('DISCORD', '')).rejects.toThrow(/target is empty/);
    await expect(checkedTarget('WEBHOOK', `https://example.com/${'a'.repeat(3000)}`)).rejects.toThrow(/longer than/);
  });

  it('events: all by default, unknown names and an empty list refused, duplicates folded', () => {
    expect(checkedEvents(undefined)).toEqual(['deployment.succeeded', 'deployment.failed', 'deployment.rolled_back', 'release.crash_looping']);
    expect(checkedEvents(['deployment.failed', 'deployment.failed'])).toEqual(['deployment.failed']);
    expect(() => checkedEvents(['deployment.exploded'])).toThrow(/Unknown event "deployment.exploded"/);
    expect(() => checkedEvents([])).toThrow(/events is empty/);
  });
});
