// The console (console/dist, built by `npm start`/`npm test`) is served at / by the gateway, on
// the same origin as /graphql: no CORS, and the WebSocket goes to the same host.
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const CONSOLE_DIST = fileURLToPath(new URL('../../../console/dist/', import.meta.url));

export async function serveConsole(app: NestFastifyApplication, dir = CONSOLE_DIST): Promise<void> {
  if (!existsSync(`${dir}/index.html`)) {
    app.getHttpAdapter().get('/', (_req, reply) => {
      reply.type('text/html').send('<!doctype html><p>The console is not built. Run <code>npm run build -w @paas/console</code> (npm start does it).</p>');
    });
    return;
  }
  await app.register(fastifyStatic as never, {
    root: dir,
    prefix: '/',
    index: ['index.html'],
    // hashed bundles are immutable; index.html is revalidated so a new build shows at once
    cacheControl: false,
    setHeaders: (reply: { header(k: string, v: string): void }, path: string) =>
      reply.header('cache-control', path.endsWith('.html') ? 'no-cache' : 'public, max-age=31536000, immutable'),
  });
}
