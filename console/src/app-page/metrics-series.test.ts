import { describe, expect, it } from 'vitest';
import { buildSeries, deploymentMarkers, rangeQuery, rate, RANGES, tickLabels, timeRange } from './metrics-series';

const at = (sec: number) => new Date(1_800_000_000_000 + sec * 1000).toISOString();
const p = (sec: number, cpu = 10) => ({ at: at(sec), cpuPercent: cpu, memoryMb: 64.123, netRxBytes: 600, netTxBytes: 60 });

describe('metrics series', () => {
  it('asks each range for at most a few hundred points, within what App.metrics accepts', () => {
    for (const r of RANGES) {
      const { since, stepSeconds } = rangeQuery(r.key, 1_800_000_000_000);
      expect(r.seconds / stepSeconds).toBeLessThanOrEqual(720);
      expect(Date.parse(since)).toBe(1_800_000_000_000 - r.seconds * 1000);
    }
  });

  it('turns points into sorted columns, network as bytes per second', () => {
    const s = buildSeries([p(120, 30), p(0), p(60, 20)], 60);
    expect(s.x).toEqual([1_800_000_000, 1_800_000_060, 1_800_000_120]);
    expect(s.cpu).toEqual([10, 20, 30]);
    expect(s.memory).toEqual([64.12, 64.12, 64.12]);
    expect(s.rx).toEqual([10, 10, 10]);
    expect(s.tx).toEqual([1, 1, 1]);
  });

  it('leaves a gap where steps are missing instead of drawing across it', () => {
    const s = buildSeries([p(0), p(600)], 60);
    expect(s.x).toEqual([1_800_000_000, 1_800_000_060, 1_800_000_600]);
    expect(s.cpu).toEqual([10, null, 10]);
  });

  it('ignores unreadable times and duplicates', () => {
    const s = buildSeries([{ ...p(0), at: 'not a date' }, p(60), p(60)], 60);
    expect(s.x).toEqual([1_800_000_060]);
  });

  it('marks the deployments inside the range, oldest first', () => {
    const now = 1_800_000_000_000 + 7200_000;
    const m = deploymentMarkers(
      [
        { id: 'bbbbbbbb-2', createdAt: at(3600), status: 'FAILED' },
        { id: 'aaaaaaaa-1', createdAt: at(1800), status: 'LIVE' },
        { id: 'old', createdAt: at(-10), status: 'SUPERSEDED' },
      ],
      at(0),
      now,
    );
    expect(m).toEqual([
      { x: 1_800_001_800, label: 'live aaaaaaaa', failed: false },
      { x: 1_800_003_600, label: 'failed bbbbbbbb', failed: true },
    ]);
  });

  it('formats rates', () => {
    expect(rate(null)).toBe('—');
    expect(rate(12)).toBe('12 B/s');
    expect(rate(2048)).toBe('2.0 KiB/s');
    expect(rate(3 * 1024 * 1024)).toBe('3.0 MiB/s');
    expect(rate(2048, 2)).toBe('2.00 KiB/s');
  });

  it('labels axis ticks with the fewest decimals that tell them apart', () => {
    const mb = (v: number, d: number) => `${v.toFixed(d)} MB`;
    expect(tickLabels([0, 20, 40], mb)).toEqual(['0 MB', '20 MB', '40 MB']);
    expect(tickLabels([0.59, 0.6, 0.61], mb)).toEqual(['0.59 MB', '0.60 MB', '0.61 MB']);
    expect(tickLabels([0.5, 1, 1.5], mb)).toEqual(['0.5 MB', '1.0 MB', '1.5 MB']);
    expect(tickLabels([1, 1.0001], mb)).toEqual(['1.000 MB', '1.000 MB']);
    expect(tickLabels([0, 1536, 3072], rate)).toEqual(['0 B/s', '1.5 KiB/s', '3.0 KiB/s']);
    expect(tickLabels([0, 2000, 4000], rate)).toEqual(['0 B/s', '1.95 KiB/s', '3.91 KiB/s']);
  });

  it('widens the time axis to the deployments marked', () => {
    const m = (x: number) => ({ x, label: 'live', failed: false });
    expect(timeRange(100, 200, [])).toEqual([100, 200]);
    expect(timeRange(100, 200, [m(90)])).toEqual([90, 200]);
    expect(timeRange(100, 200, [m(150), m(250)])).toEqual([100, 250]);
    expect(timeRange(null, null, [m(150)])).toEqual([null, null]);
  });
});
