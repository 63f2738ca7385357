// The gateway's settings, read once from the environment `npm start` prepares.
import { Injectable } from '@nestjs/common';
import { WORKER_PROBED_DEPENDENCIES, type WorkerProbedDependency } from '@paas/contracts';

@Injectable()
export class PlatformConfig {
  readonly port = Number(process.env.PAAS_PORT || 4000);
  readonly bind = process.env.PAAS_BIND || '127.0.0.1';
  readonly edgePort = Number(process.env.PAAS_EDGE_PORT || 8080);
  readonly baseDomain = process.env.PAAS_BASE_DOMAIN || 'localhost';
  readonly adminToken = required('PAAS_ADMIN_TOKEN');
  readonly databaseUrl = required('DATABASE_URL');
  readonly temporalAddress = required('TEMPORAL_ADDRESS');
  readonly temporalNamespace = process.env.TEMPORAL_NAMESPACE || 'default';
  readonly registryAddress = process.env.REGISTRY_ADDRESS || '127.0.0.1:5000';
  readonly s3Endpoint = process.env.S3_ENDPOINT || 'http://127.0.0.1:9000';
  readonly s3 = {
    endpoint: this.s3Endpoint,
    /** The address clients use for pre-signed upload URLs, when it differs from S3_ENDPOINT. */
    publicEndpoint: process.env.S3_PUBLIC_ENDPOINT || this.s3Endpoint,
    accessKey: process.env.S3_ACCESS_KEY || '',
    secretKey: process.env.S3_SECRET_KEY || '',
    bucket: process.env.S3_BUCKET || 'paas',
  };
  /** The site server (nginx) that serves STATIC apps behind the edge. */
  readonly siteUpstream = process.env.PAAS_SITE_UPSTREAM || '127.0.0.1:8081';
  readonly siteMaxUploadBytes = Number(process.env.PAAS_SITE_MAX_UPLOAD_MB || 50) * 1024 * 1024;
  readonly uploadUrlTtlSeconds = Number(process.env.PAAS_UPLOAD_URL_TTL_SEC || 900);
  /** The Temporal Web UI, when there is one: deployments link to their workflow there. */
  readonly temporalUiUrl = process.env.PAAS_TEMPORAL_UI_URL?.replace(/\/$/, '') || null;
  readonly dockerHost = process.env.DOCKER_HOST || 'unix:///var/run/docker.sock';
  readonly edgeAdminSocket = process.env.EDGE_ADMIN_SOCKET;
  /**
   * Dependencies whose state /healthz takes from the workers' reports instead of probing them:
   * for a gateway that runs apart from the workers (deploy/kubernetes: no Docker or edge socket).
   */
  readonly healthFromWorkers = workerProbed(process.env.PAAS_HEALTH_FROM_WORKERS);
  /** Where browsers reach the gateway: forge sign-in's callback (registered at the provider) is under it. */
  readonly publicUrl = (process.env.PAAS_PUBLIC_URL || `http://${['0.0.0.0', '::'].includes(this.bind) ? '127.0.0.1' : this.bind}:${this.port}`).replace(
    /\/+$/,
    '',
  );

  appUrl(name: string): string {
    return `http://${name}.${this.baseDomain}:${this.edgePort}/`;
  }
}

function required(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} must be set (npm start sets it)`);
  return v;
}

function workerProbed(raw: string | undefined): WorkerProbedDependency[] {
  const names = (raw ?? '')
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  for (const n of names)
    if (!(WORKER_PROBED_DEPENDENCIES as readonly string[]).includes(n))
      throw new Error(`PAAS_HEALTH_FROM_WORKERS: "${n}" is not one of ${WORKER_PROBED_DEPENDENCIES.join(', ')}`);
  return names as WorkerProbedDependency[];
}
