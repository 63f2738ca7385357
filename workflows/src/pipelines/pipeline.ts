// What a runtime's deploy pipeline provides to the dispatcher (deployAppWorkflow).
import type { StepName } from '@paas/contracts';
import type { DeploymentPlan } from '@paas/activities';
import type { DeploymentRun } from '../deployment-run.js';
import type { FailureCleanup } from '../saga/fail-deployment.js';

export interface DeployPipeline {
  /** The steps the deployment shows, in order. */
  readonly steps: readonly StepName[];
  /**
   * From the plan to LIVE. Each step that changes the world pushes its undo on `run.saga`
   * before it runs; a throw (or a cancellation of `run.work`) hands over to the saga runner.
   */
  deploy(run: DeploymentRun): Promise<void>;
  /** Run after the undos of a failed deployment, before its outcome is reported. */
  readonly cleanupAfterFailure?: FailureCleanup;
  /** After LIVE: stop what the new release replaced. Never undoes anything; a failure is recorded on RETIRE. */
  retire(run: DeploymentRun): Promise<void>;
}

/** The pipeline for a plan of this runtime, or undefined when the plan is another runtime's. */
export type PipelineFactory = (plan: DeploymentPlan) => DeployPipeline | undefined;
