// A step activity reports its own progress to the projection (RUNNING with its attempt number
// at the start, SUCCEEDED at the end), so the workflow needs no extra round trip per step.
// Failures and compensations are reported by the workflow, which knows the whole story.
import type { DeploymentStatus, StepName } from '@paas/contracts';
import type { ProjectionAdapter } from '../projection/projection.adapter.js';
import { pauseIfRequested } from './fault-pause.js';
import { currentAttempt } from './heartbeat.js';

export async function reportedStep<T>(
  projection: ProjectionAdapter,
  ref: { deploymentId: string; appId: string },
  step: StepName,
  work: () => Promise<T>,
  deploymentStatus?: DeploymentStatus,
): Promise<T> {
  await projection.stepStarted(ref.deploymentId, step, currentAttempt(), deploymentStatus);
  const result = await work();
  await pauseIfRequested(ref.appId, step);
  await projection.recordStep(ref.deploymentId, step, 'SUCCEEDED');
  return result;
}
