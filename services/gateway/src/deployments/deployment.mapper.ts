import { STEP_NAMES, stepsForKind, type ReleaseState } from '@paas/contracts';
import type { DeploymentEntity, DeploymentStepEntity, LogLineEntity } from '@paas/db';
import type { DeploymentModel, DeploymentStepModel, LogLineModel } from './deployment.model.js';

export function toDeploymentModel(e: DeploymentEntity): DeploymentModel {
  return {
    id: e.id,
    appId: e.appId,
    previewId: e.previewId ?? null,
    status: e.status,
    trigger: e.trigger,
    commitSha: e.commitSha,
    imageRef: e.imageRef,
    sitePrefix: e.sitePrefix,
    kind: e.config?.kind,
    workflowId: e.workflowId,
    error: e.error,
    sourceDeploymentId: e.sourceDeploymentId,
    createdAt: e.createdAt,
    finishedAt: e.finishedAt,
    runtimeState: e.runtimeState as ReleaseState | null,
    restartCount: e.restartCount,
  };
}

/** All steps of the pipeline in order; those the workflow has not reached yet are PENDING. */
export function toStepModels(rows: DeploymentStepEntity[], kind?: string): DeploymentStepModel[] {
  const byName = new Map(rows.map((r) => [r.name, r]));
  const expected = stepsForKind(kind);
  const names = expected.concat(rows.map((r) => r.name).filter((n) => !expected.includes(n)));
  return names
    .sort((a, b) => STEP_NAMES.indexOf(a) - STEP_NAMES.indexOf(b))
    .map((name) => {
      const r = byName.get(name);
      return {
        name,
        status: r?.status ?? 'PENDING',
        attempt: r?.attempt ?? 1,
        startedAt: r?.startedAt ?? null,
        finishedAt: r?.finishedAt ?? null,
        message: r?.message ?? null,
      };
    });
}

export function toLogLineModel(e: LogLineEntity): LogLineModel {
  return { deploymentId: e.deploymentId, seq: e.seq, timestamp: e.timestamp, stream: e.stream, line: e.line };
}
