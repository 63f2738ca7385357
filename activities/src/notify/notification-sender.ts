// Sends one notification: an HTTP POST through the outbound guard (WEBHOOK, SLACK, DISCORD) or an
// email over SMTP (nodemailer). The one adapter over the outside world for notifications.
import { createOutboundFetch, OutboundRefusedError, type OutboundFetch } from '@paas/outbound';
import type { NotificationKind } from '@paas/db';
import nodemailer, { type Transporter } from 'nodemailer';
import { discordBody, emailMessage, SIGNATURE_HEADER, signBody, slackBody, webhookBody, type NotificationPayload } from './payloads.js';

export interface SmtpSettings {
  /** smtp://user:pass@host:port or smtps://…; unset: EMAIL channels cannot be delivered. */
  url: string | null;
  from: string;
}

export function smtpFromEnv(env: NodeJS.ProcessEnv = process.env): SmtpSettings {
  return { url: env.PAAS_SMTP_URL || null, from: env.PAAS_SMTP_FROM || 'paas@localhost' };
}

/** The receiver said no for good (3xx, 4xx other than 408/429, a refused address): retrying would not help. */
export class PermanentDeliveryError extends Error {}

export interface Channel {
  kind: NotificationKind;
  target: string;
  secret: string | null;
}

export class NotificationSender {
  private mailer?: Transporter;

  constructor(
    private readonly smtp: SmtpSettings,
    private readonly fetch: OutboundFetch = createOutboundFetch(undefined, { timeoutMs: 15_000 }),
  ) {}

  async send(channel: Channel, payload: NotificationPayload, deliveryId: string): Promise<void> {
    if (channel.kind === 'EMAIL') return this.email(channel.target, payload);
    const body = channel.kind === 'SLACK' ? slackBody(payload) : channel.kind === 'DISCORD' ? discordBody(payload) : webhookBody(payload);
    const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'paas-notifications' };
    if (channel.kind === 'WEBHOOK') {
      headers[SIGNATURE_HEADER] = signBody(body, channel.secret ?? '');
      headers['X-Paas-Event'] = payload.event;
      headers['X-Paas-Delivery'] = deliveryId;
    }
    let res: Response | Awaited<ReturnType<OutboundFetch>>;
    try {
      res = await this.fetch(channel.target, { method: 'POST', headers, body });
    } catch (err) {
      if (err instanceof OutboundRefusedError) throw new PermanentDeliveryError(err.message);
      const cause = (err as { cause?: { message?: string } }).cause?.message;
      throw new Error(`could not reach the receiver: ${cause ?? (err as Error).message}`);
    }
    await res.body?.cancel().catch(() => undefined); // only the status matters
    if (res.status >= 200 && res.status < 300) return;
    // redirects are not followed (a public page could send us to the metadata address): asking again would not help
    if (res.status >= 300 && res.status < 400) throw new PermanentDeliveryError(`the receiver answered HTTP ${res.status} (redirects are not followed)`);
    const message = `the receiver answered HTTP ${res.status}`;
    if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) throw new PermanentDeliveryError(message);
    throw new Error(message);
  }

  private async email(to: string, payload: NotificationPayload): Promise<void> {
    if (!this.smtp.url) throw new PermanentDeliveryError('no SMTP server is configured (PAAS_SMTP_URL)');
    this.mailer ??= nodemailer.createTransport(this.smtp.url, { from: this.smtp.from });
    const { subject, text } = emailMessage(payload);
    try {
      await this.mailer.sendMail({ to, subject, text, headers: { 'X-Paas-Event': payload.event } });
    } catch (err) {
      const e = err as { responseCode?: number; message: string };
      // 5xx: the server refused this message or address for good
      if (e.responseCode && e.responseCode >= 500) throw new PermanentDeliveryError(`the SMTP server refused it: ${e.message}`);
      throw new Error(`could not send the email: ${e.message}`);
    }
  }
}
