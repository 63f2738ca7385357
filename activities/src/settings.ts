// Settings the worker reads once from its environment and hands to the activity factories.
import { join } from 'node:path';
import type { LogLimits } from './projection/projection.adapter.js';

export interface ActivitySettings {
  registry: string;
  baseDomain: string;
  edgePort: number;
  /** Where checkouts live while a deployment builds. */
  workRoot: string;
  timing: DeploymentTiming;
  limits: { memoryBytes: number; nanoCpus: number; pids: number };
  /** Old releases whose images (or site files) are kept for rollback, besides the live one. */
  keepReleases: number;
  sites: SiteSettings;
  build: BuildSettings;
  logs: LogLimits;
  kubernetes: KubernetesSettings;
}

/** Kubernetes apps: the same for every app (absent cluster: KUBERNETES deployments fail, saying so). */
export interface KubernetesSettings {
  /** HPA scale-down stabilization (PAAS_KUBERNETES_SCALE_DOWN_SEC, 60). */
  scaleDownWindowSec: number;
  /** A removed pod's preStop sleep while its endpoint is withdrawn (PAAS_KUBERNETES_PRESTOP_SEC, 3). */
  preStopSleepSec: number;
  /** The sandbox RuntimeClasses the node supports, as the supervisor detected them; unset: read from the cluster. */
  sandboxRuntimes: string[] | null;
}

/** What one SERVICE or STATIC build may use; a build that exceeds a limit fails, naming it. */
export interface BuildSettings {
  memoryBytes: number;
  nanoCpus: number;
  pids: number;
  maxOutputBytes: number;
  /** The Docker network RUN steps and build containers use: no route to the host or the private network. */
  network: string;
  /** `local`: the worker installs and checks the build network's firewall rules; `external`: the operator does. */
  firewall: 'local' | 'external';
}

export interface SiteSettings {
  /** Materialized releases and live links, read by the site server (nginx). */
  sitesDir: string;
  /** Where the edge sends a STATIC app's host: the site server. */
  upstream: string;
  s3: { endpoint: string; accessKey: string; secretKey: string; bucket: string };
  limits: SiteLimits;
}

/** Applied to uploaded archives and to build outputs alike. */
export interface SiteLimits {
  maxUploadBytes: number;
  maxSiteBytes: number;
  maxFiles: number;
  /** Largest uncompressed/compressed ratio of one archive entry (zip bombs). */
  maxCompressionRatio: number;
}

export function siteLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): SiteLimits {
  return {
    maxUploadBytes: num(env, 'PAAS_SITE_MAX_UPLOAD_MB', 50) * 1024 * 1024,
    maxSiteBytes: num(env, 'PAAS_SITE_MAX_SIZE_MB', 500) * 1024 * 1024,
    maxFiles: num(env, 'PAAS_SITE_MAX_FILES', 20_000),
    maxCompressionRatio: num(env, 'PAAS_SITE_MAX_COMPRESSION_RATIO', 200),
  };
}

/** Part of every deployment plan, so the workflow sees one fixed value per deployment. */
export interface DeploymentTiming {
  buildTimeoutMs: number;
  healthTimeoutMs: number;
  healthSuccesses: number;
  healthIntervalMs: number;
  retireGraceMs: number;
  stopTimeoutSec: number;
}

function num(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const v = Number(env[name]);
  return env[name] && Number.isFinite(v) && v >= 0 ? v : fallback;
}

export function settingsFromEnv(env: NodeJS.ProcessEnv = process.env): ActivitySettings {
  const dataDir = env.PAAS_DATA_DIR || '.paas';
  return {
    registry: env.REGISTRY_ADDRESS || '127.0.0.1:5000',
    baseDomain: env.PAAS_BASE_DOMAIN || 'localhost',
    edgePort: num(env, 'PAAS_EDGE_PORT', 8080),
    workRoot: join(dataDir, 'work'),
    timing: {
      buildTimeoutMs: num(env, 'PAAS_BUILD_TIMEOUT_MS', 30 * 60_000),
      healthTimeoutMs: num(env, 'PAAS_HEALTH_TIMEOUT_MS', 60_000),
      healthSuccesses: num(env, 'PAAS_HEALTH_SUCCESSES', 3),
      healthIntervalMs: num(env, 'PAAS_HEALTH_INTERVAL_MS', 500),
      retireGraceMs: num(env, 'PAAS_RETIRE_GRACE_MS', 10_000),
      stopTimeoutSec: num(env, 'PAAS_STOP_TIMEOUT_SEC', 10),
    },
    keepReleases: num(env, 'PAAS_KEEP_RELEASES', 10),
    sites: {
      sitesDir: env.PAAS_SITES_DIR || join(dataDir, 'sites'),
      upstream: env.PAAS_SITE_UPSTREAM || '127.0.0.1:8081',
      s3: {
        endpoint: env.S3_ENDPOINT || 'http://127.0.0.1:9000',
        accessKey: env.S3_ACCESS_KEY || '',
        secretKey: env.S3_SECRET_KEY || '',
        bucket: env.S3_BUCKET || 'paas',
      },
      limits: siteLimitsFromEnv(env),
    },
    build: {
      memoryBytes: num(env, 'PAAS_BUILD_MEMORY_MB', 2048) * 1024 * 1024,
      nanoCpus: Math.round(num(env, 'PAAS_BUILD_CPUS', 1) * 1e9),
      pids: num(env, 'PAAS_BUILD_PIDS', 1024),
      maxOutputBytes: num(env, 'PAAS_BUILD_MAX_OUTPUT_MB', 100) * 1024 * 1024,
      network: env.PAAS_BUILD_NETWORK || 'paas-build',
      firewall: env.PAAS_BUILD_FIREWALL === 'external' ? 'external' : 'local',
    },
    logs: {
      maxLineChars: num(env, 'PAAS_LOG_MAX_LINE_KB', 16) * 1024,
      maxLogBytes: num(env, 'PAAS_LOG_MAX_MB', 10) * 1024 * 1024,
    },
    kubernetes: {
      scaleDownWindowSec: num(env, 'PAAS_KUBERNETES_SCALE_DOWN_SEC', 60),
      preStopSleepSec: num(env, 'PAAS_KUBERNETES_PRESTOP_SEC', 3),
      sandboxRuntimes: env.PAAS_KUBERNETES_SANDBOX_RUNTIMES ? env.PAAS_KUBERNETES_SANDBOX_RUNTIMES.split(',').filter(Boolean) : null,
    },
    limits: {
      memoryBytes: num(env, 'PAAS_APP_MEMORY_MB', 512) * 1024 * 1024,
      nanoCpus: Math.round(num(env, 'PAAS_APP_CPUS', 1) * 1e9),
      pids: num(env, 'PAAS_APP_PIDS', 512),
    },
  };
}
