// POST /hooks/git/:appId, registered as its own Fastify scope: only here are bodies kept as raw
// bytes of any content type (the signature is over exactly those bytes; JSON parsed and
// re-serialized would not match), and only up to WEBHOOK_BODY_LIMIT (larger: 413, unread).
import type { FastifyInstance } from 'fastify';
import { WEBHOOK_PATH } from './git-webhook.service.js';
import type { WebhookReceiver } from './webhook-receiver.js';

export const WEBHOOK_BODY_LIMIT = 1024 * 1024;

export function webhookRoutes(receiver: WebhookReceiver) {
  return async (scope: FastifyInstance): Promise<void> => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: WEBHOOK_BODY_LIMIT }, (_req, body, done) => done(null, body));
    scope.post<{ Params: { appId: string } }>(`${WEBHOOK_PATH}:appId`, { bodyLimit: WEBHOOK_BODY_LIMIT }, async (req, reply) => {
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const { status, body: answer } = await receiver.receive({ appId: req.params.appId, headers: req.headers, body, address: req.ip });
      return reply.code(status).header('cache-control', 'no-store').send(answer);
    });
  };
}
