// Every GraphQL operation needs `Authorization: Bearer <token>`: checked on each HTTP request
// to /graphql, and once per WebSocket in connection_init (browsers cannot set WS headers).
import type { FastifyInstance } from 'fastify';
import { isAdminToken } from './admin-token.js';

export function registerHttpAuth(app: FastifyInstance, adminToken: string): void {
  app.addHook('onRequest', async (req, reply) => {
    if (!req.url.startsWith('/graphql')) return;
    if (req.headers.upgrade?.toLowerCase() === 'websocket') return; // checked in onConnect
    if (isAdminToken(req.headers.authorization, adminToken)) return;
    await reply
      .code(401)
      .header('www-authenticate', 'Bearer')
      .send({ data: null, errors: [{ message: 'Unauthorized: send Authorization: Bearer <token>.', extensions: { code: 'UNAUTHENTICATED' } }] });
  });
}

export function subscriptionOnConnect(adminToken: string) {
  return (data: { payload?: Record<string, unknown> }) => {
    const p = data.payload ?? {};
    const headers = (p.headers ?? {}) as Record<string, unknown>;
    const presented = p.authorization ?? p.Authorization ?? headers.authorization ?? headers.Authorization;
    return isAdminToken(presented, adminToken) ? { authenticated: true } : false;
  };
}
