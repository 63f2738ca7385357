import type { AppEntity, EnvVarEntity } from '@paas/db';
import type { AppModel } from './app.model.js';
import type { EnvVarModel } from './env-var.model.js';

export function toAppModel(e: AppEntity, hasGitToken: boolean): AppModel {
  return {
    id: e.id,
    name: e.name,
    kind: e.kind,
    runtime: e.runtime,
    gitUrl: e.gitUrl,
    branch: e.branch,
    rootDirectory: e.rootDirectory,
    dockerfilePath: e.dockerfilePath,
    buildImage: e.buildImage,
    buildCommand: e.buildCommand,
    outputDirectory: e.outputDirectory,
    spaFallback: e.spaFallback,
    port: e.port,
    healthCheckPath: e.healthCheckPath,
    hasGitToken,
    createdAt: e.createdAt,
  };
}

/** Secret values never leave the server. */
export function toEnvVarModel(e: EnvVarEntity): EnvVarModel {
  return { key: e.key, value: e.secret ? null : e.value, secret: e.secret };
}
