import { describe, expect, it } from 'vitest';
import { emptyNotificationForm, shownTarget, toCreateVariables, validateNotificationForm } from './notification-form';

describe('notification channel form', () => {
  it('accepts an https URL with all events, and one email address', () => {
    expect(validateNotificationForm({ ...emptyNotificationForm(), target: 'https://hooks.slack.com/services/x' })).toEqual({});
    expect(validateNotificationForm({ ...emptyNotificationForm(), kind: 'EMAIL', target: 'ops@example.com' })).toEqual({});
  });

  it('refuses hostile and malformed targets before sending', () => {
    const err = (kind: 'WEBHOOK' | 'EMAIL', target: string) => validateNotificationForm({ ...emptyNotificationForm(), kind, target }).target;
    expect(err('WEBHOOK', '   ')).toBe('A URL is required.');
    expect(err('WEBHOOK', 'file:///etc/passwd')).toBe('The URL must be an https:// address.');
    expect(err('WEBHOOK', 'not a url')).toBe('The URL must be an https:// address.');
    expect(err('WEBHOOK', 'https://a:b@example.com/')).toMatch(/user name or password/);
    expect(err('WEBHOOK', 'https://example.com/\u0000x')).toMatch(/control characters/);
    expect(err('WEBHOOK', `https://example.com/${'a'.repeat(2100)}`)).toMatch(/At most 2048/);
    expect(err('EMAIL', 'Ops <ops@example.com>')).toMatch(/one email address/);
    expect(err('EMAIL', 'a@b.c\r\nBcc: x@y.z')).toMatch(/control characters/);
    expect(err('EMAIL', 'nobody')).toMatch(/one email address/);
  });

  it('sends the events in the server’s order and a trimmed target', () => {
    expect(toCreateVariables('t1', { kind: 'SLACK', target: ' https://x.example/h ', events: ['release.crash_looping', 'deployment.failed'] })).toEqual({
      teamId: 't1',
      kind: 'SLACK',
      target: 'https://x.example/h',
      events: ['deployment.failed', 'release.crash_looping'],
    });
  });

  it('shows of a URL only its host', () => {
    expect(shownTarget('DISCORD', 'https://discord.com/api/webhooks/1/TOKEN')).toBe('discord.com');
    expect(shownTarget('WEBHOOK', 'http://127.0.0.1:13627/hook?k=1')).toBe('127.0.0.1:13627');
    expect(shownTarget('EMAIL', 'ops@example.com')).toBe('ops@example.com');
    expect(shownTarget('SLACK', 'garbage')).not.toContain('garbage');
  });
});
