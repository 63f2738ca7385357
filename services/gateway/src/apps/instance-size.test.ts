import { ValidationError } from '@paas/contracts';
import { describe, expect, it } from 'vitest';
import { defaultInstanceSize, validateCpus, validateMemoryMb } from './instance-size.js';

describe('instance size', () => {
  it.each([0, -1, 31, 262_145, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses memoryMb %s', (v) => {
    expect(() => validateMemoryMb(v)).toThrow(ValidationError);
  });

  it.each([0, -0.5, 0.01, 257, Number.NaN, Number.POSITIVE_INFINITY])('refuses cpus %s', (v) => {
    expect(() => validateCpus(v)).toThrow(ValidationError);
  });

  it('keeps sizes in range, CPUs to 1/100 of a core', () => {
    expect(validateMemoryMb(256)).toBe(256);
    expect(validateCpus(0.333)).toBe(0.33);
  });

  it('defaults from PAAS_APP_MEMORY_MB and PAAS_APP_CPUS, 512 MiB and 1 core when unset, and refuses bad ones at start', () => {
    expect(defaultInstanceSize({})).toEqual({ memoryMb: 512, cpus: 1 });
    expect(defaultInstanceSize({ PAAS_APP_MEMORY_MB: '128', PAAS_APP_CPUS: '0.5' })).toEqual({ memoryMb: 128, cpus: 0.5 });
    expect(() => defaultInstanceSize({ PAAS_APP_MEMORY_MB: 'lots' })).toThrow(/PAAS_APP_MEMORY_MB/);
  });
});
