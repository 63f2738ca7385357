// Settings the worker reads once from its environment and hands to the activity factories.
import { join } from 'node:path';

export interface ActivitySettings {
  registry: string;
  baseDomain: string;
  edgePort: number;
  /** Where checkouts live while a deployment builds. */
  workRoot: string;
  timing: DeploymentTiming;
  limits: { memoryBytes: number; nanoCpus: number; pids: number };
  /** Old releases whose images are kept for rollback, besides the live one. */
  keepReleases: number;
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
    limits: {
      memoryBytes: num(env, 'PAAS_APP_MEMORY_MB', 512) * 1024 * 1024,
      nanoCpus: Math.round(num(env, 'PAAS_APP_CPUS', 1) * 1e9),
      pids: num(env, 'PAAS_APP_PIDS', 512),
    },
  };
}
