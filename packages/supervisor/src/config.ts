// Every setting of the embedded stack, read once from the environment.
// Defaults follow ../shared/contract/README.md; internal ports have variables of their own
// so a test stack can run beside `npm start`.
import { resolve } from 'node:path';

export interface StackConfig {
  repoRoot: string;
  dataDir: string;
  bind: string;
  gatewayPort: number;
  edgePort: number;
  /** The site server (nginx) behind the edge that serves STATIC apps; loopback only. */
  sitePort: number;
  baseDomain: string;
  pgPort: number;
  temporalPort: number;
  registryPort: number;
  s3Port: number;
  /** Set when the user points the platform at existing services. */
  external: {
    databaseUrl?: string;
    temporalAddress?: string;
    s3Endpoint?: string;
    registryAddress?: string;
    dockerHost?: string;
  };
  /** Where binaries built from the Go module proxy are cached (outside the repo). */
  binDir: string;
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new Error(`${name} must be a port number, got "${raw}"`);
  return n;
}

export function readStackConfig(repoRoot: string, env: NodeJS.ProcessEnv = process.env): StackConfig {
  return {
    repoRoot,
    dataDir: resolve(repoRoot, env.PAAS_DATA_DIR || '.paas'),
    bind: env.PAAS_BIND || '127.0.0.1',
    gatewayPort: int(env, 'PAAS_PORT', 4000),
    edgePort: int(env, 'PAAS_EDGE_PORT', 8080),
    sitePort: int(env, 'PAAS_SITE_PORT', 8081),
    baseDomain: env.PAAS_BASE_DOMAIN || 'localhost',
    // every default is below 32768: ports in the ephemeral range can be taken by outgoing connections
    pgPort: int(env, 'PAAS_PG_PORT', 5439),
    temporalPort: int(env, 'PAAS_TEMPORAL_PORT', 7233),
    registryPort: int(env, 'PAAS_REGISTRY_PORT', 5000),
    s3Port: int(env, 'PAAS_S3_PORT', 9000),
    external: {
      databaseUrl: env.DATABASE_URL || undefined,
      temporalAddress: env.TEMPORAL_ADDRESS || undefined,
      s3Endpoint: env.S3_ENDPOINT || undefined,
      registryAddress: env.REGISTRY_ADDRESS || undefined,
      dockerHost: env.DOCKER_HOST || undefined,
    },
    binDir: resolve(env.PAAS_CACHE_DIR || resolve(env.HOME || '/root', '.cache/paas'), 'bin'),
  };
}
