// The deployment as a small state machine: its status and each step's status, kept in the
// workflow (answering the status query) and mirrored to the projection as it changes.
import type { DeploymentState, DeploymentStatus, StepName, StepStatus } from '@paas/contracts';

export class DeploymentStateMachine {
  readonly state: DeploymentState;

  constructor(deploymentId: string, steps: readonly StepName[]) {
    this.state = { deploymentId, status: 'QUEUED', steps: steps.map((name) => ({ name, status: 'PENDING' })) };
  }

  /** The pipeline chosen by the plan sets its step list (the machine starts with SERVICE's). */
  useSteps(steps: readonly StepName[]): void {
    this.state.steps = steps.map((name) => ({ name, status: 'PENDING' }));
  }

  setStatus(status: DeploymentStatus): void {
    this.state.status = status;
  }

  setStep(name: StepName, status: StepStatus): void {
    const step = this.state.steps.find((s) => s.name === name);
    if (step) step.status = status;
  }

  stepStatus(name: StepName): StepStatus | undefined {
    return this.state.steps.find((s) => s.name === name)?.status;
  }

  fail(error: string, status: 'FAILED' | 'CANCELLED' = 'FAILED'): void {
    this.state.status = status;
    this.state.error = error;
  }
}
