// Turns a Temporal failure chain into the sentence a user reads in `Deployment.error`.
import { ActivityFailure, ApplicationFailure, CancelledFailure, TimeoutFailure, isCancellation } from '@temporalio/workflow';

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
