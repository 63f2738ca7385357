import { describe, expect, it } from 'vitest';
import type { DeploymentPlan } from '../plan.js';
import { releaseLimits } from './release-limits.js';

const defaults = { memoryBytes: 512 * 1024 * 1024, nanoCpus: 1e9, pids: 512 };

describe('releaseLimits', () => {
  it("gives the release container the app's memory and CPUs, keeping the pids limit", () => {
    const plan = { instance: { memoryMb: 96, cpus: 0.25 } } as DeploymentPlan;
    expect(releaseLimits(plan, defaults)).toEqual({ memoryBytes: 96 * 1024 * 1024, nanoCpus: 250_000_000, pids: 512 });
  });

  it("falls back to the worker's defaults for a plan made before apps had a size (replayed history)", () => {
    expect(releaseLimits({} as DeploymentPlan, defaults)).toBe(defaults);
    expect(releaseLimits({ instance: null } as DeploymentPlan, defaults)).toBe(defaults);
  });
});
