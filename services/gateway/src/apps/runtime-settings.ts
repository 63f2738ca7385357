// Where and how many: an app's runtime (DOCKER or KUBERNETES), replicas, autoscaler and isolation,
// checked as a whole for createApp and updateApp alike (an update lays the given fields over the
// stored ones). Kubernetes-only settings on a Docker app are refused rather than silently ignored.
import { ValidationError, type AppKind, type AutoscaleSettings, type Isolation, type Runtime } from '@paas/contracts';
import type { AppEntity } from '@paas/db';

export const MAX_REPLICAS = 20;
const CPU_PERCENT = { min: 10, max: 95, default: 70 };

export interface RuntimeSettingsInput {
  runtime?: Runtime | null;
  replicas?: number | null;
  /** null: no autoscaler (on update: remove it). */
  autoscale?: { minReplicas: number; maxReplicas: number; targetCpuPercent?: number | null } | null;
  isolation?: Isolation | null;
}

export type RuntimeSettings = Pick<
  AppEntity,
  'runtime' | 'replicas' | 'autoscaleMinReplicas' | 'autoscaleMaxReplicas' | 'autoscaleTargetCpuPercent' | 'isolation'
>;

/** Whether this platform has a cluster to run KUBERNETES apps on; read from the gateway's environment. */
export function kubernetesAvailable(env: NodeJS.ProcessEnv): boolean {
  return env.PAAS_KUBERNETES === 'embedded' || Boolean(env.KUBECONFIG);
}

export function validateRuntimeSettings(kind: AppKind, input: RuntimeSettingsInput, clusterAvailable: boolean, current?: RuntimeSettings): RuntimeSettings {
  const runtime = input.runtime ?? current?.runtime ?? 'DOCKER';
  if (runtime === 'KUBERNETES') {
    if (kind === 'STATIC') throw new ValidationError('STATIC apps are served by the site server; only SERVICE apps run on KUBERNETES.', 'runtime');
    if (!clusterAvailable)
      throw new ValidationError(
        'This platform has no Kubernetes cluster: start it with PAAS_KUBERNETES=embedded (or set KUBECONFIG to a cluster) to use runtime KUBERNETES.',
        'runtime',
      );
  }
  const replicas = validateReplicas(input.replicas ?? (input.replicas === null ? 1 : (current?.replicas ?? 1)), 'replicas');
  const autoscale = input.autoscale === undefined ? currentAutoscale(current) : input.autoscale === null ? null : validateAutoscale(input.autoscale);
  const isolation = input.isolation ?? current?.isolation ?? 'STANDARD';
  if (runtime !== 'KUBERNETES') {
    const onlyOnKubernetes = [replicas > 1 && 'replicas above 1', autoscale && 'autoscale', isolation === 'SANDBOXED' && 'isolation SANDBOXED'].filter(Boolean);
    if (onlyOnKubernetes.length)
      throw new ValidationError(
        `${onlyOnKubernetes.join(', ')} need runtime KUBERNETES; a ${runtime} app runs one STANDARD instance (set replicas: 1, autoscale: null, isolation: STANDARD to move it).`,
        replicas > 1 ? 'replicas' : autoscale ? 'autoscale' : 'isolation',
      );
  }
  return {
    runtime,
    replicas,
    autoscaleMinReplicas: autoscale?.minReplicas ?? null,
    autoscaleMaxReplicas: autoscale?.maxReplicas ?? null,
    autoscaleTargetCpuPercent: autoscale?.targetCpuPercent ?? null,
    isolation,
  };
}

/** The most instances the app may run at once: what its memory quota is charged for. */
export function maxInstances(s: Pick<RuntimeSettings, 'replicas' | 'autoscaleMaxReplicas'>): number {
  return s.autoscaleMaxReplicas ?? s.replicas;
}

function validateReplicas(value: number, field: string): number {
  if (!Number.isInteger(value) || value < 1 || value > MAX_REPLICAS)
    throw new ValidationError(`${field} must be a whole number from 1 to ${MAX_REPLICAS}.`, field);
  return value;
}

function validateAutoscale(a: NonNullable<RuntimeSettingsInput['autoscale']>): AutoscaleSettings {
  const minReplicas = validateReplicas(a.minReplicas, 'autoscale.minReplicas');
  const maxReplicas = validateReplicas(a.maxReplicas, 'autoscale.maxReplicas');
  if (minReplicas > maxReplicas) throw new ValidationError('autoscale.minReplicas must not exceed autoscale.maxReplicas.', 'autoscale.minReplicas');
  const targetCpuPercent = a.targetCpuPercent ?? CPU_PERCENT.default;
  if (!Number.isInteger(targetCpuPercent) || targetCpuPercent < CPU_PERCENT.min || targetCpuPercent > CPU_PERCENT.max)
    throw new ValidationError(`autoscale.targetCpuPercent must be a whole number from ${CPU_PERCENT.min} to ${CPU_PERCENT.max}.`, 'autoscale.targetCpuPercent');
  return { minReplicas, maxReplicas, targetCpuPercent };
}

function currentAutoscale(current: RuntimeSettings | undefined): AutoscaleSettings | null {
  if (!current || current.autoscaleMinReplicas === null || current.autoscaleMaxReplicas === null || current.autoscaleTargetCpuPercent === null) return null;
  return { minReplicas: current.autoscaleMinReplicas, maxReplicas: current.autoscaleMaxReplicas, targetCpuPercent: current.autoscaleTargetCpuPercent };
}
