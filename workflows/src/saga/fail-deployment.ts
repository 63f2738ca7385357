// The end of every deployment that fails or is cancelled before LIVE, whatever its pipeline:
// the step in progress is charged, the saga undoes what was done, the steps never reached are
// skipped, the pipeline's work files go, and only then is the outcome reported. All of it in a
// non-cancellable scope, so a cancellation cannot leave a half-undone release behind.
import { CancellationScope, isCancellation, patched } from '@temporalio/workflow';
import { projection } from '../activity-proxies.js';
import type { DeploymentRun } from '../deployment-run.js';
import { describeFailure } from '../failure-message.js';

/** What a pipeline leaves on the worker that must not outlive a failed deployment. */
export interface FailureCleanup {
  /** Names it in the deployment's error should it fail, e.g. "removing the release's work files". */
  what: string;
  run: () => Promise<void>;
}

export async function failDeployment(run: DeploymentRun, err: unknown, cleanup?: FailureCleanup): Promise<void> {
  const cancelled = isCancellation(err);
  const message = cancelled ? (run.stopReason ?? 'The deployment was cancelled.') : describeFailure(err);
  const failed = run.current;
  await CancellationScope.nonCancellable(async () => {
    if (failed) await run.record(failed, 'FAILED', cancelled ? 'Cancelled.' : message);
    const undoFailures = await run.saga.unwind(run, { step: failed, message, cancelled });
    for (const s of run.machine.state.steps) {
      if (s.status === 'PENDING') {
        run.machine.setStep(s.name, 'SKIPPED');
        await projection.recordStep(run.deploymentId, s.name, 'SKIPPED');
      }
    }
    // before the outcome is reported: a FAILED deployment has left nothing behind
    if (cleanup) {
      try {
        await cleanup.run();
      } catch (cleanupErr) {
        if (!patched('record-failed-undo')) throw cleanupErr;
        undoFailures.push(`${cleanup.what} also failed: ${describeFailure(cleanupErr)}`);
      }
    }
    const error = [failed && !cancelled ? `${failed} failed: ${message}` : message, ...undoFailures].join('; ');
    const status = cancelled ? 'CANCELLED' : 'FAILED';
    run.machine.fail(error, status);
    await projection.markFinished(run.deploymentId, status, error);
  });
}
