// Long activities heartbeat on a timer so a crashed worker is noticed within the
// heartbeat timeout (not the start-to-close timeout), and cancellation reaches them.
import { Context } from '@temporalio/activity';

export async function withHeartbeat<T>(work: (signal: AbortSignal) => Promise<T>, everyMs = 2000, details?: () => unknown): Promise<T> {
  const ctx = Context.current();
  const beat = () => (details ? ctx.heartbeat(details()) : ctx.heartbeat());
  const timer = setInterval(beat, everyMs);
  beat();
  try {
    return await work(ctx.cancellationSignal);
  } finally {
    clearInterval(timer);
  }
}

export function currentAttempt(): number {
  return Context.current().info.attempt;
}
