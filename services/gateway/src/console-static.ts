// The console (console/dist, built by `npm start`/`npm test`) is served at / by the gateway, on
// the same origin as /graphql: no CORS, and the WebSocket goes to the same host. Security headers
// (helmet) apply to every answer of the gateway: a strict Content-Security-Policy for the console,
// and harmless on the JSON of /graphql and /healthz.
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { IncomingMessage } from 'node:http';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const CONSOLE_DIST = fileURLToPath(new URL('../../../console/dist/', import.meta.url));

export interface ConsoleOptions {
  /** Where the browser POSTs ZIP uploads (pre-signed, straight to object storage). */
  objectStorageOrigin: string;
  dir?: string;
}

export async function serveConsole(app: NestFastifyApplication, { objectStorageOrigin, dir = CONSOLE_DIST }: ConsoleOptions): Promise<void> {
  await app.register(helmet as never, helmetOptions(objectStorageOrigin));
  if (!existsSync(`${dir}/index.html`)) {
    app.getHttpAdapter().get('/', (_req, reply) => {
      reply.type('text/html').send('<!doctype html><p>The console is not built. Run <code>npm run build -w @paas/console</code> (npm start does it).</p>');
    });
    return;
  }
  await app.register(fastifyStatic, {
    root: dir,
    prefix: '/',
    index: ['index.html'],
    // source maps are not published (vite builds none; a stale one on disk is still not served)
    allowedPath: (pathName: string) => !pathName.toLowerCase().endsWith('.map'),
    // hashed bundles are immutable; index.html is revalidated so a new build shows at once
    cacheControl: false,
    setHeaders: (reply: { header(k: string, v: string): void }, path: string) =>
      reply.header('cache-control', path.endsWith('.html') ? 'no-cache' : 'public, max-age=31536000, immutable'),
  });
}

export function helmetOptions(objectStorageOrigin: string) {
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        // the favicon is a data: URI in index.html
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        // graphql-ws on the same host (CSP2 browsers do not count ws: as 'self') and ZIP uploads
        connectSrc: ["'self'", sameHostWebSocket, objectStorageOrigin],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    // TLS is terminated in front of the gateway (README, Security): HSTS belongs to that proxy
    strictTransportSecurity: false,
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  };
}

const HOST = /^[a-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-f:.]+\](:\d{1,5})?$/i;

function sameHostWebSocket(req: IncomingMessage): string {
  const host = req.headers.host ?? '';
  return HOST.test(host) ? `ws://${host} wss://${host}` : "'self'";
}
