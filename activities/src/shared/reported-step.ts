// A step activity reports its own progress to the projection (RUNNING with its attempt number
// at the start, SUCCEEDED at the end), so the workflow needs no extra round trip per step.
// Failures and compensations are reported by the workflow, which knows the whole story.
import type { DeploymentStatus, StepName } from '@paas/contracts';
import type { ProjectionAdapter } from '../projection/projection.adapter.js';
import { currentAttempt } from './heartbeat.js';

export async function reportedStep<T>(
  projection: ProjectionAdapter,
  deploymentId: string,
  step: StepName,
  work: () => Promise<T>,
  deploymentStatus?: DeploymentStatus,
): Promise<T> {
  await projection.stepStarted(deploymentId, step, currentAttempt(), deploymentStatus);
  const result = await work();
  await projection.recordStep(deploymentId, step, 'SUCCEEDED');
  return result;
}
