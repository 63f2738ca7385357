// The undo stack every deploy pipeline uses: a step that changes the world pushes its undo
// before it runs, so a failure in the middle of the step is undone too; a failure (or a
// cancellation) before LIVE runs the undos newest first.
import { patched } from '@temporalio/workflow';
import type { StepName, StepStatus } from '@paas/contracts';
import { describeFailure } from '../failure-message.js';

export type Undo = () => Promise<void>;

/** Where the saga records what became of each step it undoes. */
export interface StepRecorder {
  stepStatus(step: StepName): StepStatus | undefined;
  record(step: StepName, status: StepStatus, message: string): Promise<void>;
}

/** What went wrong before the undos ran: the step it happened in, if any, and why. */
export interface SagaFailure {
  step: StepName | undefined;
  message: string;
  cancelled: boolean;
}

export class Saga {
  private readonly undos: { step: StepName; undo: Undo }[] = [];

  push(step: StepName, undo: Undo): void {
    this.undos.push({ step, undo });
  }

  /** LIVE: from here on nothing is undone. */
  commit(): void {
    this.undos.length = 0;
  }

  /**
   * Runs the undos newest first and records each outcome on its step. Call it inside a
   * non-cancellable scope: a cancelled deployment must still undo what it did.
   * Returns one sentence per undo that failed, for the deployment's error.
   */
  async unwind(steps: StepRecorder, failure: SagaFailure): Promise<string[]> {
    const failures: string[] = [];
    const undos = this.undos.splice(0).reverse();
    for (const { step, undo } of undos) {
      try {
        await undo();
      } catch (undoErr) {
        // before this patch a failed undo (after its retries) ended the compensation loop and
        // left the deployment non-final forever; now it is recorded and the other undos still run
        if (!patched('record-failed-undo')) throw undoErr;
        const why = describeFailure(undoErr);
        failures.push(`undoing ${step} also failed: ${why}`);
        const ownFailure = step === failure.step && !failure.cancelled;
        await steps.record(step, 'FAILED', ownFailure ? `${failure.message} Undoing it also failed: ${why}` : `Undo failed: ${why}`);
        continue;
      }
      if (steps.stepStatus(step) === 'SUCCEEDED') await steps.record(step, 'COMPENSATED', 'Undone after a later step failed.');
    }
    return failures;
  }
}
