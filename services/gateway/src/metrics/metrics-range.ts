// What App.metrics accepts: a range the storage still holds, a step from 1 s to a day, and at most
// MAX_POINTS points. Anything else is refused with a message that says what would be accepted.
import type { MetricsRetention } from '@paas/db';
import { DomainError } from '../common/domain-error.js';

export const MAX_POINTS = 1500;
export const MAX_STEP_SECONDS = 86_400;
const DEFAULT_RANGE_MS = 3_600_000;
/** Clocks of the browser and the gateway may differ a little. */
const FUTURE_SLACK_MS = 60_000;

export interface MetricsRange {
  since: Date;
  stepSeconds: number;
}

export function metricsRange(since: Date | null | undefined, stepSeconds: number | null | undefined, retention: MetricsRetention, now: Date): MetricsRange {
  const step = stepSeconds ?? 60;
  if (!Number.isInteger(step) || step < 1 || step > MAX_STEP_SECONDS)
    throw new DomainError('BAD_USER_INPUT', `stepSeconds must be a whole number from 1 to ${MAX_STEP_SECONDS} (got ${step}).`);
  const from = since ?? new Date(now.getTime() - DEFAULT_RANGE_MS);
  if (Number.isNaN(from.getTime())) throw new DomainError('BAD_USER_INPUT', 'since is not a valid date.');
  if (from.getTime() > now.getTime() + FUTURE_SLACK_MS) throw new DomainError('BAD_USER_INPUT', 'since is in the future.');
  const keptMs = retention.hourDays * 86_400_000;
  if (now.getTime() - from.getTime() > keptMs)
    throw new DomainError(
      'BAD_USER_INPUT',
      `Metrics are kept ${retention.hourDays} days (PAAS_METRICS_HOUR_RETENTION_DAYS): since must be at most ${retention.hourDays} days ago.`,
    );
  const points = Math.ceil(Math.max(0, now.getTime() - from.getTime()) / 1000 / step);
  if (points > MAX_POINTS) {
    const least = Math.ceil((now.getTime() - from.getTime()) / 1000 / MAX_POINTS);
    throw new DomainError(
      'BAD_USER_INPUT',
      `That range at stepSeconds ${step} is ${points} points; at most ${MAX_POINTS}: use stepSeconds of at least ${least}.`,
    );
  }
  return { since: from, stepSeconds: step };
}
