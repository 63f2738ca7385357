// The Add channel form's state and checks, and how a channel's target is shown. The server checks
// the target again (the outbound rules, nodemailer's address parser); this names what can be told
// without asking it, before the round trip.
import type { NotificationKind } from '../gql/graphql';

export const NOTIFICATION_KINDS: NotificationKind[] = ['WEBHOOK', 'SLACK', 'DISCORD', 'EMAIL'];

export const KIND_LABELS: Record<NotificationKind, string> = { WEBHOOK: 'Webhook', SLACK: 'Slack', DISCORD: 'Discord', EMAIL: 'Email' };

/** The events a channel can subscribe to (the server's list, in its order), with words for them. */
export const NOTIFICATION_EVENTS = [
  { name: 'deployment.succeeded', label: 'A deployment went live' },
  { name: 'deployment.failed', label: 'A deployment failed' },
  { name: 'deployment.rolled_back', label: 'A rollback went live' },
  { name: 'release.crash_looping', label: 'A release is crash looping' },
] as const;

export const TARGET_HINTS: Record<NotificationKind, string> = {
  WEBHOOK: 'An https:// URL that accepts a signed JSON POST. The signing secret is shown once, after adding.',
  SLACK: 'The Slack incoming-webhook URL (https://hooks.slack.com/services/…). It is a credential: only its host is shown afterwards.',
  DISCORD: 'The Discord channel webhook URL (https://discord.com/api/webhooks/…). It is a credential: only its host is shown afterwards.',
  EMAIL: 'One address, like ops@example.com.',
};

export interface NotificationForm {
  kind: NotificationKind;
  target: string;
  events: string[];
}

export const emptyNotificationForm = (): NotificationForm => ({ kind: 'WEBHOOK', target: '', events: NOTIFICATION_EVENTS.map((e) => e.name) });

export type NotificationFormErrors = Partial<Record<'target' | 'events', string>>;

const MAX_TARGET = 2048;

export function validateNotificationForm(f: NotificationForm): NotificationFormErrors {
  const errors: NotificationFormErrors = {};
  const target = f.target.trim();
  if (!target) errors.target = f.kind === 'EMAIL' ? 'An email address is required.' : 'A URL is required.';
  else if (target.length > MAX_TARGET) errors.target = `At most ${MAX_TARGET} characters.`;
  else if (/[\u0000-\u001f\u007f]/.test(target)) errors.target = 'The target contains control characters.';
  else if (f.kind === 'EMAIL') {
    if (!/^[^\s@<>(),;:"[\]\\]+@[^\s@<>(),;:"[\]\\]+\.[^\s@<>(),;:"[\]\\]+$/.test(target)) errors.target = 'Give one email address, like ops@example.com.';
  } else {
    const url = parseUrl(target);
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) errors.target = 'The URL must be an https:// address.';
    else if (url.username || url.password) errors.target = 'The URL must not carry a user name or password.';
  }
  if (f.events.length === 0) errors.events = 'Choose at least one event.';
  return errors;
}

/** The mutation's variables: the events in the server's order. */
export function toCreateVariables(teamId: string, f: NotificationForm) {
  return { teamId, kind: f.kind, target: f.target.trim(), events: NOTIFICATION_EVENTS.map((e) => e.name).filter((e) => f.events.includes(e)) };
}

/** What the page shows of a target: an email address as it is; of a URL only its host, since a
 *  Slack, Discord or webhook URL usually carries its credential in the path or query. */
export function shownTarget(kind: NotificationKind, target: string): string {
  if (kind === 'EMAIL') return target;
  return parseUrl(target)?.host ?? '(an unreadable URL)';
}

export function eventLabel(name: string): string {
  return NOTIFICATION_EVENTS.find((e) => e.name === name)?.label ?? name;
}

function parseUrl(s: string): URL | null {
  try {
    return new URL(s);
  } catch {
    return null;
  }
}
