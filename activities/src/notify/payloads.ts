// What a notification says, in each channel's format: the platform's own JSON event (WEBHOOK,
// signed), Slack's and Discord's incoming-webhook bodies, and an email. Pure functions: the same
// event always gives the same bytes, so every retry sends (and signs) the same body.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { NotificationEvent } from '@paas/db';

/** The event as a WEBHOOK receives it (and what the other formats are written from). */
export interface NotificationPayload {
  event: NotificationEvent;
  /** When it happened (ISO 8601). */
  at: string;
  /** One line a person reads, e.g. `web: deployment failed (VERIFY failed: …)`. */
  summary: string;
  team: { id: string };
  app: { id: string; name: string };
  deployment: { id: string; status: string; trigger: string; commit: string | null; error: string | null; url: string };
}

export const SIGNATURE_HEADER = 'X-Paas-Signature';

const TITLES: Record<NotificationEvent, string> = {
  'deployment.succeeded': 'deployment succeeded',
  'deployment.failed': 'deployment failed',
  'deployment.rolled_back': 'rolled back',
  'release.crash_looping': 'release is crash-looping',
};

export function summaryOf(event: NotificationEvent, appName: string, detail: string | null): string {
  const line = `${appName}: ${TITLES[event]}`;
  return detail ? `${line} (${detail.slice(0, 300)})` : line;
}

/** `sha256=<hex HMAC-SHA256 of the raw body with the secret>`: the X-Paas-Signature header. */
export function signBody(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/** What a receiver does (the README shows the same): constant-time compare over the raw body. */
export function verifySignature(body: string | Buffer, secret: string, header: string | undefined): boolean {
  if (!header) return false;
  const expected = Buffer.from(signBody(typeof body === 'string' ? body : body.toString('utf8'), secret));
  const given = Buffer.from(header);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function webhookBody(p: NotificationPayload): string {
  return JSON.stringify(p);
}

const COLORS: Record<NotificationEvent, { slack: string; discord: number }> = {
  'deployment.succeeded': { slack: '#2eb67d', discord: 0x2eb67d },
  'deployment.failed': { slack: '#e01e5a', discord: 0xe01e5a },
  'deployment.rolled_back': { slack: '#ecb22e', discord: 0xecb22e },
  'release.crash_looping': { slack: '#e01e5a', discord: 0xe01e5a },
};

// Slack and Discord read markup in these texts; what came from users (names, errors) is escaped
function slackEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function discordEscape(s: string): string {
  return s.replace(/([\\*_~`|>[\]()@#])/g, '\\$1');
}

function facts(p: NotificationPayload): [string, string][] {
  const rows: [string, string][] = [
    ['App', p.app.name],
    ['Deployment', p.deployment.id],
    ['Status', p.deployment.status],
    ['Trigger', p.deployment.trigger],
  ];
  if (p.deployment.commit) rows.push(['Commit', p.deployment.commit.slice(0, 12)]);
  if (p.deployment.error) rows.push(['Error', p.deployment.error.slice(0, 1000)]);
  return rows;
}

/** Slack incoming webhook: `text` (the notification's fallback) and one attachment with the details. */
export function slackBody(p: NotificationPayload): string {
  return JSON.stringify({
    text: slackEscape(p.summary),
    attachments: [
      {
        color: COLORS[p.event].slack,
        title: slackEscape(`${p.app.name}: ${TITLES[p.event]}`),
        title_link: p.deployment.url,
        fields: facts(p).map(([title, value]) => ({ title, value: slackEscape(value), short: title !== 'Error' })),
        ts: Math.floor(Date.parse(p.at) / 1000),
      },
    ],
  });
}

/** Discord webhook: `content` and one embed (no mentions: allowed_mentions is empty). */
export function discordBody(p: NotificationPayload): string {
  return JSON.stringify({
    content: discordEscape(p.summary).slice(0, 2000),
    allowed_mentions: { parse: [] },
    embeds: [
      {
        title: `${p.app.name}: ${TITLES[p.event]}`.slice(0, 256),
        url: p.deployment.url,
        color: COLORS[p.event].discord,
        timestamp: p.at,
        fields: facts(p).map(([name, value]) => ({ name, value: value.slice(0, 1024), inline: name !== 'Error' })),
      },
    ],
  });
}

export function emailMessage(p: NotificationPayload): { subject: string; text: string } {
  const lines = facts(p).map(([k, v]) => `${k}: ${v}`);
  return {
    subject: `[paas] ${p.summary}`.replace(/[\r\n]+/g, ' ').slice(0, 200),
    text: [p.summary, '', ...lines, '', `Details: ${p.deployment.url}`, `Event: ${p.event} at ${p.at}`].join('\n'),
  };
}
