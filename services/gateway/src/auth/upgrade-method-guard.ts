// A protocol upgrade is a GET (RFC 6455). Node hands any request that asks for one to the
// WebSocket plugin, which routes it like a normal request with the socket attached; a POST so
// handled fails inside the plugin. Refuse it plainly before routing. (Not an auth decision:
// that stays in the GraphQL gate, which refuses such a request anyway.)
import type { FastifyInstance } from 'fastify';

export function refuseNonGetUpgrades(app: FastifyInstance): void {
  app.addHook('onRequest', async (req, reply) => {
    const asksUpgrade = Boolean(req.headers.upgrade) && /(^|,)\s*upgrade\s*(,|$)/i.test(String(req.headers.connection ?? ''));
    if (!asksUpgrade || req.raw.method === 'GET') return;
    await reply
      .code(400)
      .header('connection', 'close')
      .send({ data: null, errors: [{ message: 'A WebSocket upgrade must be a GET request.', extensions: { code: 'BAD_REQUEST' } }] });
  });
}
