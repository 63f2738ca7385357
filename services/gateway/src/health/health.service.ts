// Probes each dependency the platform needs. The gateway itself uses PostgreSQL, Temporal and
// the object storage (upload forms and checks); every dependency, these included, gets a
// read-only probe here (a ping, no Docker or object-storage API calls).
// /healthz answers without auth, so the report names states only: why a dependency is down
// (addresses, socket paths, error texts) goes to the gateway log, once per change.
// With PAAS_HEALTH_FROM_WORKERS (a gateway apart from the workers, deploy/kubernetes), the
// dependencies it names are taken from the workers' reports (worker-reports.ts) instead.
import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { Database, listenToWorkerHealth } from '@paas/db';
import { Client } from '@temporalio/client';
import { request } from 'node:http';
import { connect } from 'node:net';
import { PlatformConfig } from '../config/platform-config.js';
import { WorkerReports } from './worker-reports.js';

export type DependencyName = 'database' | 'temporal' | 'docker' | 'registry' | 'objectStorage' | 'edge' | 'siteServer';
export interface DependencyState {
  state: 'up' | 'down';
}
export interface HealthReport {
  status: 'ok' | 'unavailable';
  dependencies: Record<DependencyName, DependencyState>;
}

const TIMEOUT_MS = 2000;

@Injectable()
export class HealthService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Health');
  private readonly lastProblem = new Map<string, string | null>();
  private readonly workerReports = new WorkerReports();
  private listener?: { close(): Promise<void> };
  private stopped = false;

  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(Client) private readonly temporal: Client,
    @Inject(PlatformConfig) private readonly config: PlatformConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    if (this.config.healthFromWorkers.length > 0) await this.listen();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    await this.listener?.close();
  }

  /** Listens again 5 s after the connection is lost; meanwhile reports age and turn down. */
  private async listen(): Promise<void> {
    const retry = () => {
      if (!this.stopped) setTimeout(() => void this.listen(), 5000).unref();
    };
    try {
      this.listener = await listenToWorkerHealth(
        this.config.databaseUrl,
        (report) => this.workerReports.record(report),
        (err) => {
          this.logger.warn(`worker health reports: connection lost (${err.message}); listening again in 5 s`);
          void this.listener?.close();
          retry();
        },
      );
    } catch (err) {
      this.logger.warn(`worker health reports: cannot listen (${(err as Error).message}); trying again in 5 s`);
      retry();
    }
  }

  async check(): Promise<HealthReport> {
    const checks: Record<DependencyName, () => Promise<unknown>> = {
      database: () => this.db.ping(),
      temporal: () => this.temporal.connection.workflowService.getSystemInfo({}),
      docker: () => dockerPing(this.config.dockerHost),
      registry: () => httpOk(`http://${this.config.registryAddress}/v2/`),
      objectStorage: () => httpOk(`${this.config.s3Endpoint}/minio/health/live`),
      // any HTTP answer will do: the site server has no host of its own to serve
      siteServer: () => fetch(`http://${this.config.siteUpstream}/`, { signal: AbortSignal.timeout(TIMEOUT_MS) }).then((r) => r.arrayBuffer()),
      edge: () => (this.config.edgeAdminSocket ? socketOpen(this.config.edgeAdminSocket) : Promise.reject(new Error('EDGE_ADMIN_SOCKET not set'))),
    };
    for (const name of this.config.healthFromWorkers)
      checks[name] = async () => {
        if (!this.workerReports.isUp(name)) throw new Error('no worker reported it reachable in the last 15 s');
      };
    const entries = await Promise.all(
      Object.entries(checks).map(async ([name, check]) => {
        try {
          await withTimeout(check(), TIMEOUT_MS);
          this.noteProblem(name, null);
          return [name, { state: 'up' }] as const;
        } catch (err) {
          this.noteProblem(name, (err as Error).message);
          return [name, { state: 'down' }] as const;
        }
      }),
    );
    const dependencies = Object.fromEntries(entries) as Record<DependencyName, DependencyState>;
    const ok = Object.values(dependencies).every((d) => d.state === 'up');
    return { status: ok ? 'ok' : 'unavailable', dependencies };
  }

  private noteProblem(name: string, problem: string | null): void {
    if ((this.lastProblem.get(name) ?? null) === problem) return;
    this.lastProblem.set(name, problem);
    if (problem) this.logger.warn(`${name} is down: ${problem}`);
    else this.logger.log(`${name} is up`);
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms))]);
}

async function httpOk(url: string): Promise<void> {
  const res = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
}

function dockerPing(dockerHost: string): Promise<void> {
  const opts = dockerHost.startsWith('unix://')
    ? { socketPath: dockerHost.slice(7) }
    : { host: new URL(dockerHost.replace(/^tcp:/, 'http:')).hostname, port: Number(new URL(dockerHost.replace(/^tcp:/, 'http:')).port) || 2375 };
  return new Promise((resolve, reject) => {
    const req = request({ ...opts, path: '/_ping', timeout: TIMEOUT_MS }, (res) => {
      res.resume();
      if (res.statusCode === 200) resolve();
      else reject(new Error(`HTTP ${res.statusCode}`));
    });
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.end();
  });
}

function socketOpen(path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const s = connect(path);
    s.once('connect', () => {
      s.destroy();
      resolve();
    });
    s.once('error', reject);
  });
}
