// A release container's Docker limits: the app's instance size (memoryMb, cpus), which the plans'
// memory quota counts, or the worker's defaults for a plan made before apps had a size.
import type { DeploymentPlan } from '../plan.js';
import type { ActivitySettings } from '../settings.js';
/** The app's instance size when the plan carries one; the worker's PAAS_APP_MEMORY_MB / PAAS_APP_CPUS otherwise. */
export function releaseLimits(plan: DeploymentPlan, defaults: ActivitySettings['limits']): ActivitySettings['limits'] {
  if (!plan.instance) return defaults;
  return { ...defaults, memoryBytes: plan.instance.memoryMb * 1024 * 1024, nanoCpus: Math.round(plan.instance.cpus * 1e9) };
}
