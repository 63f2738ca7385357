import { describe, expect, it } from 'vitest';
import { nextRuns } from './cron';

const at = (iso: string) => new Date(iso);
const iso = (ds: Date[] | null) => ds?.map((d) => d.toISOString());

describe('nextRuns', () => {
  it('steps, ranges and lists', () => {
    expect(iso(nextRuns('*/15 * * * *', at('2026-11-22T10:07:30Z')))).toEqual([
      '2026-11-22T10:15:00.000Z',
      '2026-11-22T10:30:00.000Z',
      '2026-11-22T10:45:00.000Z',
    ]);
    expect(iso(nextRuns('0 3 * * *', at('2026-11-22T10:00:00Z'), 2))).toEqual(['2026-11-23T03:00:00.000Z', '2026-11-24T03:00:00.000Z']);
    expect(iso(nextRuns('30 8-9 * * 1,3', at('2026-11-22T00:00:00Z'), 3))).toEqual([
      '2026-11-23T08:30:00.000Z',
      '2026-11-23T09:30:00.000Z',
      '2026-11-25T08:30:00.000Z',
    ]);
  });

  it('day of month OR day of week when both are given, as cron does', () => {
    // 2026-11-22 is a Sunday; the 1st of December is a Tuesday
    expect(iso(nextRuns('0 0 1 * 0', at('2026-11-22T12:00:00Z'), 2))).toEqual(['2026-11-29T00:00:00.000Z', '2026-12-01T00:00:00.000Z']);
  });

  it('@every counts from the epoch, like a Temporal interval', () => {
    expect(iso(nextRuns('@every 5s', at('2026-11-22T10:00:02Z'), 2))).toEqual(['2026-11-22T10:00:05.000Z', '2026-11-22T10:00:10.000Z']);
    expect(iso(nextRuns('@every 6h', at('2026-11-22T10:00:00Z'), 1))).toEqual(['2026-11-22T12:00:00.000Z']);
  });

  it('null for what is not a schedule', () => {
    expect(nextRuns('every day', new Date())).toBeNull();
    expect(nextRuns('61 * * * *', new Date())).toBeNull();
  });
});
