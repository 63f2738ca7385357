// Whether a delivery comes from the forge that holds the app's webhook secret. GitHub and Gitea
// sign the raw body (HMAC-SHA256); GitLab sends the secret itself as a token. Every comparison is
// constant-time over equal-length buffers, so the time taken tells nothing about the secret.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Forge } from '@paas/db';

export type Headers = Record<string, string | string[] | undefined>;

const HEX_SHA256 = /^[0-9a-f]{64}$/i;

/** A header's one value; repeated headers (an array) are refused rather than guessed between. */
export function header(headers: Headers, name: string): string | undefined {
  const v = headers[name.toLowerCase()];
  return typeof v === 'string' ? v : undefined;
}

export function hmacHex(secret: string, body: Buffer): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

function sameHex(givenHex: string, expectedHex: string): boolean {
  if (!HEX_SHA256.test(givenHex)) return false;
  return timingSafeEqual(Buffer.from(givenHex.toLowerCase(), 'hex'), Buffer.from(expectedHex, 'hex'));
}

// compares digests of both sides: equal lengths whatever the token's length, and no early exit
function sameToken(given: string, secret: string): boolean {
  const digest = (s: string) => createHmac('sha256', 'paas-webhook-token').update(s).digest();
  return timingSafeEqual(digest(given), digest(secret)) && given === secret;
}

/** The signature headers each forge sends; Gitea and Forgejo also send GitHub's. */
export function verifySignature(forge: Forge, secret: string, headers: Headers, body: Buffer): boolean {
  if (forge === 'GITLAB') {
    const token = header(headers, 'x-gitlab-token');
    return token !== undefined && sameToken(token, secret);
  }
  const expected = hmacHex(secret, body);
  const hub = header(headers, 'x-hub-signature-256');
  // every signature header sent must hold: a right one does not excuse a wrong one
  const checks = [hub === undefined ? undefined : hub.startsWith('sha256=') && sameHex(hub.slice('sha256='.length), expected)];
  if (forge === 'GITEA')
    for (const name of ['x-gitea-signature', 'x-forgejo-signature']) {
      const sig = header(headers, name);
      checks.push(sig === undefined ? undefined : sameHex(sig, expected));
    }
  const sent = checks.filter((c) => c !== undefined);
  return sent.length > 0 && sent.every(Boolean);
}

/** The forge's id of the delivery (the same on a redelivery), and the event's name. */
export function deliveryOf(forge: Forge, headers: Headers): { deliveryId: string | undefined; event: string | undefined } {
  if (forge === 'GITLAB') return { deliveryId: header(headers, 'x-gitlab-event-uuid'), event: header(headers, 'x-gitlab-event') };
  return {
    deliveryId: header(headers, 'x-github-delivery') ?? header(headers, 'x-gitea-delivery') ?? header(headers, 'x-forgejo-delivery'),
    event: header(headers, 'x-github-event') ?? header(headers, 'x-gitea-event') ?? header(headers, 'x-forgejo-event'),
  };
}
