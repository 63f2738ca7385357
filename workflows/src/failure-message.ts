// Turns a Temporal failure chain into the sentence a user reads in `Deployment.error`.
import {
  ActivityFailure,
  ApplicationFailure,
  CancelledFailure,
  ChildWorkflowFailure,
  TerminatedFailure,
  TimeoutFailure,
  isCancellation,
} from '@temporalio/workflow';

export function describeFailure(err: unknown): string {
  if (isCancellation(err)) return 'The deployment was cancelled.';
  let cur: unknown = err;
  while (cur instanceof ActivityFailure) cur = cur.cause;
  if (cur instanceof ApplicationFailure) return cur.message;
  if (cur instanceof TimeoutFailure) return `The step timed out (${cur.timeoutType}).`;
  if (cur instanceof CancelledFailure) return 'The deployment was cancelled.';
  if (cur instanceof Error) return cur.message;
  return String(cur);
}

/** Why a deployment's own workflow ended without recording an outcome (seen from its deployer). */
export function describeChildFailure(err: unknown): string {
  const cause = err instanceof ChildWorkflowFailure ? err.cause : err;
  if (cause instanceof TerminatedFailure) return "The deployment's workflow was terminated before it finished.";
  if (cause instanceof TimeoutFailure) return `The deployment's workflow timed out (${cause.timeoutType}).`;
  return `The deployment's workflow ended with an error: ${describeFailure(cause)}`;
}
