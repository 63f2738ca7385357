// What one deployment's pipeline works with: the state machine that answers the status query,
// the saga's undo stack, the step in progress, and the scopes a newer deployment may cancel.
import { CancellationScope, patched } from '@temporalio/workflow';
import { SERVICE_STEPS, type StepName, type StepStatus } from '@paas/contracts';
import type { DeploymentPlan } from '@paas/activities';
import { git, projection } from './activity-proxies.js';
import { DeploymentStateMachine } from './deployment.state.js';
import { describeFailure } from './failure-message.js';
import { Saga, type StepRecorder } from './saga/saga.js';

/** Until RUN (or a site's VERIFY), a newer request stops this deployment: nothing it built would be used. */
const SUPERSEDABLE: readonly (StepName | undefined)[] = [undefined, 'CLONE', 'BUILD', 'PUSH', 'UPLOAD'];

export class DeploymentRun implements StepRecorder {
  // until the plan names its pipeline, the status query shows SERVICE's steps
  readonly machine: DeploymentStateMachine;
  readonly saga = new Saga();
  /** The steps up to LIVE; cancelled by a newer deployment while this one is still building. */
  readonly work = new CancellationScope();
  /** RETIRE's grace period; cut short by a newer deployment, which then retires the old releases. */
  readonly grace = new CancellationScope();
  /** The step in progress: a failure is charged to it. */
  current: StepName | undefined;
  /** Why `work` was cancelled, when a newer deployment cancelled it. */
  stopReason: string | undefined;
  supersededAfterLive = false;

  constructor(readonly deploymentId: string) {
    this.machine = new DeploymentStateMachine(deploymentId, SERVICE_STEPS);
  }

  /** A newer deployment of the app was requested. */
  supersede(byDeploymentId: string): void {
    if (this.machine.state.status === 'LIVE') {
      this.supersededAfterLive = true; // the newer deployment retires the old releases
      this.grace.cancel();
    } else if (SUPERSEDABLE.includes(this.current)) {
      this.stopReason = `Superseded by a newer deployment (${byDeploymentId}) while it was still building.`;
      this.work.cancel();
    }
  }

  // Step activities write RUNNING/SUCCEEDED (and the deployment status) to the projection
  // themselves; the workflow writes what only it knows: skips, failures and compensations.
  async step<T>(name: StepName, run: () => Promise<T>): Promise<T> {
    this.current = name;
    this.machine.setStep(name, 'RUNNING');
    const result = await run();
    this.machine.setStep(name, 'SUCCEEDED');
    this.current = undefined;
    return result;
  }

  async skip(steps: StepName[], message: string): Promise<void> {
    steps.forEach((s) => this.machine.setStep(s, 'SKIPPED'));
    await projection.recordSkippedSteps(this.deploymentId, steps, message);
  }

  stepStatus(step: StepName): StepStatus | undefined {
    return this.machine.stepStatus(step);
  }

  async record(step: StepName, status: StepStatus, message: string): Promise<void> {
    this.machine.setStep(step, status);
    await projection.recordStep(this.deploymentId, step, status, message);
  }

  async goLive(plan: DeploymentPlan): Promise<void> {
    this.machine.setStatus('LIVE');
    await projection.markLive(this.deploymentId, plan.appId);
  }

  /**
   * RETIRE runs after LIVE, which is final: a failure there is recorded on the step (the new
   * release keeps serving; the old ones may still run) and the deployment stays LIVE.
   */
  async retireFailed(err: unknown, skippedBecause?: string): Promise<void> {
    // before this patch the workflow failed here and left RETIRE RUNNING
    if (!patched('record-failed-retire')) throw err;
    this.current = undefined;
    const status = skippedBecause ? 'SKIPPED' : 'FAILED';
    const message = skippedBecause ?? `The new release is live, but stopping the old releases failed: ${describeFailure(err)}`;
    this.machine.setStep('RETIRE', status);
    await CancellationScope.nonCancellable(() => projection.recordStep(this.deploymentId, 'RETIRE', status, message));
  }

  /** Whatever happened, the checkout goes. */
  async cleanupWorkspace(): Promise<void> {
    await CancellationScope.nonCancellable(() => git.cleanupWorkspace(this.deploymentId));
  }
}
