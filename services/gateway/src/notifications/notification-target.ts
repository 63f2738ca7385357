// What a channel may point at. URLs (WEBHOOK, SLACK, DISCORD) pass the outbound guard's rules
// now (https; plain http, loopback, private and metadata addresses only for hosts
// PAAS_OUTBOUND_ALLOW lists) — and again at each delivery, as DNS may answer otherwise later.
// An email address is read by nodemailer's RFC 5322 address parser, then held to one plain address.
import { checkOutboundUrl, OutboundRefusedError } from '@paas/outbound';
import { NOTIFICATION_EVENTS, type NotificationEvent, type NotificationKind } from '@paas/db';
import addressparser from 'nodemailer/lib/addressparser/index.js';
import { domainToASCII } from 'node:url';
import { DomainError } from '../common/domain-error.js';

const MAX_TARGET = 2048;
const bad = (message: string) => new DomainError('BAD_USER_INPUT', message);

export async function checkedTarget(kind: NotificationKind, raw: string): Promise<string> {
  const target = raw.trim();
  if (!target) throw bad('target is empty: give a URL, or an email address for EMAIL.');
  if (target.length > MAX_TARGET) throw bad(`target is longer than ${MAX_TARGET} characters.`);
  if (/[\u0000-\u001f\u007f]/.test(target)) throw bad('target contains control characters.');
  if (kind === 'EMAIL') return checkedEmail(target);
  try {
    return (await checkOutboundUrl(target)).toString();
  } catch (err) {
    if (err instanceof OutboundRefusedError) throw bad(`The platform does not send notifications to ${target}: ${err.message}.`);
    throw err;
  }
}

function checkedEmail(target: string): string {
  const parsed = addressparser(target);
  const only = parsed.length === 1 && 'address' in parsed[0] ? parsed[0] : null;
  // one bare address: no display name, no group, nothing the parser dropped or added
  if (!only || only.name || only.address !== target) throw bad(`${target} is not an email address (give one address, like ops@example.com).`);
  const at = target.lastIndexOf('@');
  const local = target.slice(0, at);
  const domain = target.slice(at + 1);
  const ascii = domainToASCII(domain);
  const labels = ascii.split('.');
  const valid =
    at > 0 &&
    local.length <= 64 &&
    target.length <= 254 &&
    !/[\s"(),:;<>[\\\]]/.test(local) &&
    ascii !== '' &&
    labels.length >= 2 &&
    labels.every((l) => /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i.test(l));
  if (!valid) throw bad(`${target} is not an email address (give one address, like ops@example.com).`);
  return target;
}

/** The events a channel wants: all when none are named; unknown names are refused. */
export function checkedEvents(events: readonly string[] | null | undefined): NotificationEvent[] {
  if (events == null) return [...NOTIFICATION_EVENTS];
  if (events.length === 0) throw bad(`events is empty: name at least one of ${NOTIFICATION_EVENTS.join(', ')}, or leave it out for all.`);
  const unknown = events.filter((e) => !(NOTIFICATION_EVENTS as readonly string[]).includes(e));
  if (unknown.length > 0) throw bad(`Unknown event ${JSON.stringify(unknown[0].slice(0, 60))}: the events are ${NOTIFICATION_EVENTS.join(', ')}.`);
  return NOTIFICATION_EVENTS.filter((e) => events.includes(e));
}
