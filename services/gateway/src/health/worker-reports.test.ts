import { describe, expect, it } from 'vitest';
import { REPORT_MAX_AGE_MS, WorkerReports } from './worker-reports.js';

describe('worker health reports', () => {
  it('a dependency is up while one worker recently reported it up', () => {
    const r = new WorkerReports();
    expect(r.isUp('docker', 0)).toBe(false); // no report: down
    r.record({ worker: 'a', states: { docker: 'down', edge: 'up' } }, 1000);
    r.record({ worker: 'b', states: { docker: 'up' } }, 2000);
    expect(r.isUp('docker', 3000)).toBe(true);
    expect(r.isUp('edge', 3000)).toBe(true);
    expect(r.isUp('registry', 3000)).toBe(false); // nobody said so
    expect(r.isUp('docker', 2000 + REPORT_MAX_AGE_MS + 1)).toBe(false); // b went quiet
  });

  it('a newer report of the same worker replaces its older one', () => {
    const r = new WorkerReports();
    r.record({ worker: 'a', states: { edge: 'up' } }, 0);
    r.record({ worker: 'a', states: { edge: 'down' } }, 10);
    expect(r.isUp('edge', 20)).toBe(false);
  });

  it('keeps a bounded number of workers when the channel is flooded', () => {
    const r = new WorkerReports();
    for (let i = 0; i < 10_000; i++) r.record({ worker: `w${i}`, states: { docker: 'down' } }, 100);
    r.record({ worker: 'real', states: { docker: 'up' } }, 100);
    expect(r.isUp('docker', 100)).toBe(true);
    expect((r as unknown as { latest: Map<string, unknown> }).latest.size).toBeLessThanOrEqual(257);
  });
});
