// The site server: nginx serving STATIC releases from local disk, behind the edge router.
// Chosen by measurement (README, `npm run bench:static`): each release is materialized from
// object storage into <sites>/releases/<id>/ and published by an atomic symlink flip of
// <sites>/live/<host>; nginx resolves the link per request, so a switch needs no reload and
// an in-flight request finishes on the files it opened. The edge routes a static app's host
// here, with the same host map that routes services to containers.
import { CONTENT_TYPES } from '@paas/contracts';
import { chmodSync, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ManagedProcess } from '../managed-process.js';
import { tcpOpen, waitFor } from '../wait.js';

export interface SitePaths {
  /** Materialized releases and the live links; written by the worker. */
  sitesDir: string;
  confDir: string;
  config: string;
}

export function sitePaths(dataDir: string): SitePaths {
  const confDir = join(dataDir, 'site-server');
  return { sitesDir: join(dataDir, 'sites'), confDir, config: join(confDir, 'nginx.conf') };
}

const BROTLI_MODULE_DIR = '/usr/lib/nginx/modules';
const brotliModules = ['ngx_http_brotli_static_module.so', 'ngx_http_brotli_filter_module.so'];

export function brotliAvailable(moduleDir = BROTLI_MODULE_DIR): boolean {
  return brotliModules.every((m) => existsSync(join(moduleDir, m)));
}

/**
 * A hashed asset (`app.3f9a1c2b.js`, `index-BlXwM2c1.css`): its name changes with its content,
 * so it may be cached for a year. Everything else is revalidated (ETag / Last-Modified).
 */
const HASHED_ASSET = String.raw`[.-](?=[A-Za-z0-9_]*[0-9])[A-Za-z0-9_]{8,}\.(?:js|mjs|css|woff2?|ttf|otf|png|jpe?g|gif|svg|webp|avif|ico|wasm|map)$`;

export interface SiteServerOptions {
  sitesDir: string;
  confDir: string;
  listen: string;
  /** Unprivileged user the worker processes run as. */
  user?: string;
  brotli?: boolean;
}

export function siteServerConfig(o: SiteServerOptions): string {
  const types = Object.entries(CONTENT_TYPES)
    .map(([ext, type]) => `    ${JSON.stringify(type)} ${ext};`)
    .join('\n');
  const brotli = o.brotli ?? brotliAvailable();
  return `# Generated from packages/supervisor/src/services/site-server.ts (the embedded stack writes it on every start).
${brotli ? brotliModules.map((m) => `load_module ${BROTLI_MODULE_DIR}/${m};`).join('\n') : '# brotli modules not installed: gzip only'}
daemon off;
master_process on;
worker_processes auto;
user ${o.user ?? 'nobody nogroup'};
pid ${o.confDir}/nginx.pid;
error_log stderr warn;

events {
  worker_connections 4096;
}

http {
  types {
${types}
  }
  default_type application/octet-stream;
  access_log off;
  server_tokens off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 10000;
  keepalive_timeout 65s;
  client_body_temp_path ${o.confDir}/tmp-body;
  proxy_temp_path ${o.confDir}/tmp-proxy;
  fastcgi_temp_path ${o.confDir}/tmp-fastcgi;
  uwsgi_temp_path ${o.confDir}/tmp-uwsgi;
  scgi_temp_path ${o.confDir}/tmp-scgi;
  # releases change by a symlink flip: never cache a resolved path
  open_file_cache off;
  absolute_redirect off;

  # precompressed .gz/.br written at publish time; on-the-fly gzip for anything else
  gzip_static on;
  gzip on;
  gzip_vary on;
  gzip_comp_level 5;
  gzip_min_length 256;
  gzip_types text/css text/plain text/javascript application/json application/manifest+json application/xml application/rss+xml application/atom+xml image/svg+xml application/wasm;
${
  brotli
    ? `  brotli_static on;
  brotli on;
  brotli_comp_level 5;
  brotli_min_length 256;
  brotli_types text/css text/plain text/javascript application/json application/manifest+json application/xml application/rss+xml application/atom+xml image/svg+xml application/wasm;
`
    : ''
}
  map $uri $paas_cache_control {
    default "public, max-age=0, must-revalidate";
    "~*\\.html?$" "no-cache";
    "~${HASHED_ASSET}" "public, max-age=31536000, immutable";
  }

  server {
    listen ${o.listen} default_server;
    # only hosts the edge routes here reach this server; nginx rejects hosts with "/" or ".."
    set $paas_site ${o.sitesDir}/live/$host;
    root $paas_site/files;
    index index.html;
    add_header Cache-Control $paas_cache_control;
    add_header X-Content-Type-Options nosniff;
    error_page 404 /404.html;

    location / {
      try_files $uri $uri/ @missing;
    }
    # the site's own 404 page, with status 404
    location = /404.html {
      root $paas_site/files;
    }
    # meta/spa.html exists only when the app has SPA fallback on (a copy of index.html)
    location @missing {
      root $paas_site/meta;
      try_files /spa.html =404;
    }
  }
}
`;
}

export function siteServerProcess(dataDir: string, listen: string): ManagedProcess {
  const paths = sitePaths(dataDir);
  for (const d of [paths.confDir, join(paths.sitesDir, 'live'), join(paths.sitesDir, 'releases')]) mkdirSync(d, { recursive: true });
  // nginx's workers run unprivileged: they must be able to pass through the data dir to the sites
  const mode = statSync(dataDir).mode & 0o777;
  if ((mode & 0o001) === 0) chmodSync(dataDir, mode | 0o001);
  chmodSync(paths.sitesDir, 0o755);
  writeFileSync(paths.config, siteServerConfig({ sitesDir: paths.sitesDir, confDir: paths.confDir, listen }));
  return new ManagedProcess({
    name: 'site-server',
    command: 'nginx',
    args: ['-c', paths.config, '-p', paths.confDir, '-e', 'stderr'],
    logDir: join(dataDir, 'logs'),
    runDir: join(dataDir, 'run'),
  });
}

export async function waitForSiteServer(proc: ManagedProcess, port: number): Promise<void> {
  await waitFor('site server (nginx)', () => tcpOpen('127.0.0.1', port), {
    failFast: proc.whenExited(),
    diagnostics: () => proc.tail(),
  });
}
