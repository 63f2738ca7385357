import { describe, expect, it } from 'vitest';
import { readingOf } from './container-stats.js';

describe('readingOf (Docker stats → one reading)', () => {
  it('computes the CPU of one core from the cpu/precpu deltas', () => {
    const r = readingOf({
      cpu_stats: { cpu_usage: { total_usage: 3_000_000_000 }, system_cpu_usage: 20_000_000_000, online_cpus: 2 },
      precpu_stats: { cpu_usage: { total_usage: 2_000_000_000 }, system_cpu_usage: 18_000_000_000 },
    });
    // 1 s of CPU over 2 s of two cores' time = half the machine = one core busy
    expect(r.cpuPercent).toBeCloseTo(100);
  });

  it('reads 0 % CPU when there is no previous reading (a one-shot read) instead of the lifetime average', () => {
    const r = readingOf({ cpu_stats: { cpu_usage: { total_usage: 5e9 }, system_cpu_usage: 9e9, online_cpus: 4 }, precpu_stats: {} });
    expect(r.cpuPercent).toBe(0);
  });

  it('subtracts the page cache from memory and sums the networks', () => {
    const r = readingOf({
      memory_stats: { usage: 300 * 1024 * 1024, stats: { inactive_file: 100 * 1024 * 1024 } },
      networks: { eth0: { rx_bytes: 1000, tx_bytes: 10 }, eth1: { rx_bytes: 24, tx_bytes: 5 } },
    });
    expect(r.memoryMb).toBeCloseTo(200);
    expect(r).toMatchObject({ rxTotal: 1024, txTotal: 15 });
  });

  it('turns missing or nonsensical fields into 0, never NaN or negative', () => {
    expect(readingOf({})).toEqual({ cpuPercent: 0, memoryMb: 0, rxTotal: 0, txTotal: 0 });
    const r = readingOf({
      cpu_stats: { cpu_usage: { total_usage: 1 }, system_cpu_usage: 1 },
      precpu_stats: { cpu_usage: { total_usage: 5 }, system_cpu_usage: 2 },
      memory_stats: { usage: Number.NaN },
    });
    expect(r).toEqual({ cpuPercent: 0, memoryMb: 0, rxTotal: 0, txTotal: 0 });
  });
});
