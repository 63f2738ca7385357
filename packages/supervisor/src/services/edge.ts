// The edge router: HAProxy, chosen by measurement (see README). One host map decides where a
// request goes: `<app>.<base domain>` → `ip:port` of the live release. The worker changes the
// map at run time over the admin socket, so a route switch needs no reload and drops nothing.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ManagedProcess } from '../managed-process.js';
import { tcpOpen, waitFor } from '../wait.js';

export interface EdgePaths {
  dir: string;
  config: string;
  routesMap: string;
  adminSocket: string;
}

export function edgePaths(dataDir: string): EdgePaths {
  const dir = join(dataDir, 'edge');
  return { dir, config: join(dir, 'haproxy.cfg'), routesMap: join(dir, 'routes.map'), adminSocket: join(dir, 'admin.sock') };
}

/**
 * `listen` is `address:port`; HAProxy expands environment variables in it ("${VAR}").
 * `siteUpstream` is the site server: responses from it that HTTP allows a shared cache to keep
 * (hashed assets: `public, max-age=31536000, immutable`) are served from the edge's memory.
 * HTML (`no-cache`) and other files (`max-age=0`) are never kept, so a publish or a rollback
 * shows at once; a hashed asset's name changes with its content.
 */
export function haproxyConfig(paths: Pick<EdgePaths, 'routesMap' | 'adminSocket'>, listen: string, siteUpstream?: string): string {
  const cache = siteUpstream
    ? `
cache sites
  total-max-size 256
  max-object-size 4194304
  max-age 3600
  process-vary on
`
    : '';
  const cacheRules = siteUpstream
    ? `  # static sites: cacheable responses of the site server come from memory (ranges go through)
  acl to_sites var(txn.upstream) -m str ${siteUpstream}
  http-request cache-use sites if to_sites !{ req.hdr(range) -m found }
  http-response cache-store sites if to_sites
`
    : '';
  return `# Generated from packages/supervisor/src/services/edge.ts (the embedded stack writes it on every start).
global
  stats socket ${paths.adminSocket} mode 600 level admin
  maxconn 8000
  nbthread 2

defaults
  mode http
  option http-keep-alive
  timeout connect 5s
  timeout client 60s
  timeout server 60s
  timeout http-keep-alive 30s
  timeout http-request 30s
${cache}
frontend edge
  bind "${listen}"
  # host without port, lowercased, looked up in the routes map (updated at run time)
  http-request set-var(txn.upstream) req.hdr(host),field(1,:),lower,map(${paths.routesMap})
  http-request return status 404 content-type "text/plain" string "No app is deployed at this address.\\n" if !{ var(txn.upstream) -m found }
  default_backend releases

backend releases
  http-reuse always
${cacheRules}  # the server's 0.0.0.0:0 address means: connect to the destination set here
  http-request set-dst var(txn.upstream),field(1,:)
  http-request set-dst-port var(txn.upstream),field(2,:)
  server release 0.0.0.0:0
`;
}

export function edgeProcess(dataDir: string, bind: string, port: number, siteUpstream?: string): ManagedProcess {
  const paths = edgePaths(dataDir);
  mkdirSync(paths.dir, { recursive: true });
  if (!existsSync(paths.routesMap)) writeFileSync(paths.routesMap, '');
  writeFileSync(paths.config, haproxyConfig(paths, `${bind}:${port}`, siteUpstream));
  return new ManagedProcess({
    name: 'edge',
    command: 'haproxy',
    args: ['-W', '-db', '-f', paths.config],
    logDir: join(dataDir, 'logs'),
    runDir: join(dataDir, 'run'),
  });
}

export async function waitForEdge(proc: ManagedProcess, port: number): Promise<void> {
  await waitFor('edge router (HAProxy)', () => tcpOpen('127.0.0.1', port), {
    failFast: proc.whenExited(),
    diagnostics: () => proc.tail(),
  });
}
