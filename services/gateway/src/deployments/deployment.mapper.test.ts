import { describe, expect, it } from 'vitest';
import type { DeploymentStepEntity } from '@paas/db';
import { toStepModels } from './deployment.mapper.js';

describe('toStepModels', () => {
  it('lists every pipeline step in order, PENDING where the workflow has not been', () => {
    const rows = [
      { deploymentId: 'd', name: 'BUILD', position: 1, status: 'RUNNING', attempt: 2, startedAt: new Date(0), finishedAt: null, message: null },
    ] as DeploymentStepEntity[];
    const steps = toStepModels(rows);
    expect(steps.map((s) => s.name)).toEqual(['CLONE', 'BUILD', 'PUSH', 'RUN', 'VERIFY', 'ROUTE', 'RETIRE']);
    expect(steps[1]).toMatchObject({ status: 'RUNNING', attempt: 2 });
    expect(steps[0]).toMatchObject({ status: 'PENDING', attempt: 1, startedAt: null });
  });
});
