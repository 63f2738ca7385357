// The GraphQL gateway: NestJS on Fastify with mercurius (HTTP and WebSocket on /graphql), /healthz,
// and the console at /. Authentication lives in the GraphQL options (auth/graphql-gate.ts), where
// operations execute, not in an HTTP hook that would have to guess which requests reach GraphQL.
import 'reflect-metadata';
import fastifyCookie from '@fastify/cookie';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module.js';
import { registerFailedAuthThrottle } from './auth/failed-auth-throttle.js';
import { refuseNonGetUpgrades } from './auth/upgrade-method-guard.js';
import { serveConsole } from './console-static.js';
import { PlatformConfig } from './config/platform-config.js';
import { exitWithParent } from '@paas/process-lifecycle';
import { MasterKeyError } from '@paas/crypto';
import { requireSecretKeyring } from '@paas/db';
import { WebhookReceiver } from './webhooks/webhook-receiver.js';
import { webhookRoutes } from './webhooks/webhook-route.js';

try {
  requireSecretKeyring();
} catch (err) {
  // no key, no start: secrets could be neither written nor read, and Temporal payloads not sealed
  if (!(err instanceof MasterKeyError)) throw err;
  console.error(err.message);
  process.exit(2);
}

const adapter = new FastifyAdapter({ bodyLimit: 1024 * 1024 });
const config = new PlatformConfig();
await registerFailedAuthThrottle(adapter.getInstance());
refuseNonGetUpgrades(adapter.getInstance());
// forge sign-in's browser binding (forge-sign-in/forge-sign-in.controller.ts); no other route reads cookies
await adapter.getInstance().register(fastifyCookie);
const app = await NestFactory.create<NestFastifyApplication>(AppModule, adapter, { logger: ['error', 'warn', 'log'] });
app.enableShutdownHooks();
// forge webhooks: raw bodies, signature instead of a bearer token (webhooks/webhook-route.ts)
await app.register(webhookRoutes(app.get(WebhookReceiver)) as never);
await serveConsole(app, { objectStorageOrigin: new URL(config.s3.publicEndpoint).origin });
// started by the stack: a stack that died without stopping us leaves no orphan gateway behind
exitWithParent(() => void app.close().then(() => process.exit(0)));
await app.listen(config.port, config.bind);
console.log(`gateway listening on http://${config.bind}:${config.port}/graphql`);
