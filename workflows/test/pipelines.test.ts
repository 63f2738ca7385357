// Which pipeline a plan gets: the choice deployAppWorkflow makes right after reading the plan.
import { SERVICE_STEPS, STATIC_STEPS } from '@paas/contracts';
import { pipelineFor } from '@paas/workflows/pipelines/index';
import { describe, expect, it } from 'vitest';
import { kubernetesPlan, plan, sitePlan } from './fake-activities.js';

describe('pipelineFor', () => {
  it('a plan with a site is deployed by the STATIC pipeline, which cleans up its work files after a failure', () => {
    const pipeline = pipelineFor(sitePlan());
    expect(pipeline.steps).toEqual(STATIC_STEPS);
    expect(pipeline.cleanupAfterFailure?.what).toBe("removing the release's work files");
  });

  it('a plan with no site, or one recorded before STATIC apps existed (no site field), is a SERVICE on Docker', () => {
    const { site: _absent, ...legacy } = plan(null);
    for (const p of [plan(null), { ...plan(null), site: null }, legacy]) {
      const pipeline = pipelineFor(p);
      expect(pipeline.steps).toEqual(SERVICE_STEPS);
      expect(pipeline.cleanupAfterFailure).toBeUndefined();
    }
  });

  it('a plan with Kubernetes settings is deployed by the Kubernetes pipeline, with the SERVICE steps', () => {
    const pipeline = pipelineFor(kubernetesPlan(null));
    expect(pipeline.steps).toEqual(SERVICE_STEPS);
    expect(pipeline).not.toEqual(pipelineFor(plan(null)));
    expect(pipelineFor({ ...plan(null), kubernetes: null }).deploy.toString()).toBe(pipelineFor(plan(null)).deploy.toString());
  });
});
