// Recording a QUEUED deployment with a snapshot of its app's settings and env vars, shared by
// the gateway (deploy mutation) and the worker (scheduled redeploys).
import type { DeploymentTrigger } from '@paas/contracts';
import { deploymentWorkflowId } from '@paas/contracts';
import type { EntityManager } from 'typeorm';
import { AppEntity } from './entities/app.entity.js';
import { DeploymentEntity } from './entities/deployment.entity.js';
import { EnvVarEntity } from './entities/env-var.entity.js';

/** Returns false when the app does not exist. */
export async function insertQueuedDeployment(
  tx: EntityManager,
  input: { id: string; appId: string; trigger: DeploymentTrigger; requestedSha: string | null; uploadId?: string | null },
): Promise<boolean> {
  const app = await tx.getRepository(AppEntity).findOne({ where: { id: input.appId } });
  if (!app) return false;
  const env = await tx.getRepository(EnvVarEntity).find({ where: { appId: input.appId } });
  await tx.getRepository(DeploymentEntity).insert({
    id: input.id,
    appId: input.appId,
    status: 'QUEUED',
    trigger: input.trigger,
    requestedSha: input.requestedSha,
    uploadId: input.uploadId ?? null,
    workflowId: deploymentWorkflowId(input.id),
    config: {
      appName: app.name,
      kind: app.kind,
      gitUrl: app.gitUrl,
      branch: app.branch,
      rootDirectory: app.rootDirectory,
      dockerfilePath: app.dockerfilePath,
      port: app.port,
      healthCheckPath: app.healthCheckPath,
      buildImage: app.buildImage,
      buildCommand: app.buildCommand,
      outputDirectory: app.outputDirectory,
      spaFallback: app.spaFallback,
    },
    envSnapshot: env.map((e) => ({ key: e.key, value: e.value, secret: e.secret })),
  });
  return true;
}
