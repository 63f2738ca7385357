import { METRICS_RETENTION_DEFAULTS as R } from '@paas/db';
import { describe, expect, it } from 'vitest';
import { metricsRange } from './metrics-range.js';

const NOW = new Date('2030-01-01T00:00:00Z');
const ago = (sec: number) => new Date(NOW.getTime() - sec * 1000);

describe('metricsRange', () => {
  it('defaults to the last hour at one point a minute', () => {
    expect(metricsRange(undefined, undefined, R, NOW)).toEqual({ since: ago(3600), stepSeconds: 60 });
  });

  it('accepts a week at an hour a point and 24 h at a minute', () => {
    expect(metricsRange(ago(7 * 86_400), 3600, R, NOW).stepSeconds).toBe(3600);
    expect(metricsRange(ago(86_400), 60, R, NOW).stepSeconds).toBe(60);
  });

  it.each([0, -5, 1.5, 10 ** 9, Number.NaN])('refuses step %s', (step) => {
    expect(() => metricsRange(ago(60), step, R, NOW)).toThrow(/stepSeconds must be a whole number from 1 to 86400/);
  });

  it('refuses ten years, and a date in the future', () => {
    expect(() => metricsRange(ago(10 * 365 * 86_400), 86_400, R, NOW)).toThrow(/kept 30 days/);
    expect(() => metricsRange(new Date(NOW.getTime() + 3_600_000), 60, R, NOW)).toThrow(/future/);
    expect(() => metricsRange(new Date(Number.NaN), 60, R, NOW)).toThrow(/valid date/);
  });

  it('refuses more than 1,500 points and names the step that would do', () => {
    expect(() => metricsRange(ago(86_400), 1, R, NOW)).toThrow(/86400 points; at most 1500: use stepSeconds of at least 58/);
  });
});
