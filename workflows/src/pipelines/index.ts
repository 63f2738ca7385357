// Which pipeline deploys a plan. Adding a runtime (e.g. Kubernetes) is adding its pipeline file
// and its factory to RUNTIMES; the dispatcher, the saga runner and the other pipelines stay as they are.
import type { DeploymentPlan } from '@paas/activities';
import { dockerServicePipeline } from './docker-service.pipeline.js';
import { kubernetesPipeline } from './kubernetes.pipeline.js';
import type { DeployPipeline, PipelineFactory } from './pipeline.js';
import { staticSitePipeline } from './static-site.pipeline.js';

/** Tried in order; the first that takes the plan deploys it. */
const RUNTIMES: readonly PipelineFactory[] = [staticSitePipeline, kubernetesPipeline];

/** A plan no other runtime takes is a SERVICE on Docker (so is every plan recorded before other runtimes existed). */
export function pipelineFor(plan: DeploymentPlan): DeployPipeline {
  for (const runtime of RUNTIMES) {
    const pipeline = runtime(plan);
    if (pipeline) return pipeline;
  }
  return dockerServicePipeline(plan);
}

export type { DeployPipeline, PipelineFactory } from './pipeline.js';
