// Every few seconds the worker tells the gateways (PostgreSQL NOTIFY) whether it reaches what
// only the workers use: the Docker engine, the registry, the edge's admin socket and the site
// server. A gateway that runs apart from the workers (on Kubernetes: pod network, no sockets of
// the host) reports these states in /healthz instead of probing them itself, which it could not
// do without being handed the Docker socket (PAAS_HEALTH_FROM_WORKERS, see the gateway's health).
import type { WorkerProbedDependency } from '@paas/contracts';
import { notifyWorkerHealth } from '@paas/db';
import { hostname } from 'node:os';
import type { DataSource } from 'typeorm';
import type { Adapters } from '../activities.js';

const TIMEOUT_MS = 2000;

export function startHealthReporter(
  db: DataSource,
  adapters: Pick<Adapters, 'docker' | 'registry' | 'edge'>,
  env: NodeJS.ProcessEnv,
  log: (line: string) => void,
): () => void {
  const intervalMs = Number(env.PAAS_WORKER_HEALTH_INTERVAL_MS || 5000);
  if (!Number.isInteger(intervalMs) || intervalMs < 500) throw new Error(`PAAS_WORKER_HEALTH_INTERVAL_MS must be a whole number of milliseconds, at least 500`);
  const siteUpstream = env.PAAS_SITE_UPSTREAM || '127.0.0.1:8081';
  const probes: Record<WorkerProbedDependency, () => Promise<unknown>> = {
    docker: () => adapters.docker.ping(),
    registry: () => adapters.registry.ping(),
    edge: () => adapters.edge.listRoutes(),
    // any HTTP answer will do: the site server has no host of its own to serve
    siteServer: () => fetch(`http://${siteUpstream}/`, { signal: AbortSignal.timeout(TIMEOUT_MS) }).then((r) => r.arrayBuffer()),
  };
  const worker = `${hostname()}/${process.pid}`;
  let failedBefore = false;
  const report = async () => {
    const entries = await Promise.all(
      Object.entries(probes).map(async ([name, probe]) => {
        try {
          await withTimeout(probe(), TIMEOUT_MS);
          return [name, 'up'] as const;
        } catch {
          return [name, 'down'] as const;
        }
      }),
    );
    try {
      await notifyWorkerHealth(db.manager, { worker, states: Object.fromEntries(entries) });
      failedBefore = false;
    } catch (err) {
      // the next report retries; a lost one only delays what a gateway sees
      if (!failedBefore) log(`health report failed: ${(err as Error).message}`);
      failedBefore = true;
    }
  };
  void report();
  const every = setInterval(() => void report(), intervalMs);
  every.unref();
  return () => clearInterval(every);
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref())]);
}
