// The vocabulary shared by the gateway, the worker and the workflows.
// Workflow-safe: no Node built-ins, no I/O.

export const APP_KINDS = ['SERVICE', 'STATIC'] as const;
export type AppKind = (typeof APP_KINDS)[number];

export const RUNTIMES = ['DOCKER', 'KUBERNETES'] as const;
export type Runtime = (typeof RUNTIMES)[number];

/** How an app's pods are isolated on Kubernetes: the runtime's default (runc) or a sandboxed RuntimeClass. */
export const ISOLATIONS = ['STANDARD', 'SANDBOXED'] as const;
export type Isolation = (typeof ISOLATIONS)[number];

/** A HorizontalPodAutoscaler on CPU, Kubernetes apps only. */
export interface AutoscaleSettings {
  minReplicas: number;
  maxReplicas: number;
  targetCpuPercent: number;
}

export const DEPLOYMENT_STATUSES = ['QUEUED', 'BUILDING', 'DEPLOYING', 'VERIFYING', 'LIVE', 'SUPERSEDED', 'FAILED', 'CANCELLED'] as const;
export type DeploymentStatus = (typeof DEPLOYMENT_STATUSES)[number];

/**
 * Statuses a deployment never leaves (a LIVE one only for SUPERSEDED, by its successor). The one
 * list of them: the data layer's SQL and every "is it over?" check derive from it.
 */
export const FINAL_STATUSES: readonly DeploymentStatus[] = ['LIVE', 'SUPERSEDED', 'FAILED', 'CANCELLED'];

/** Releases that served traffic: the live one and those it replaced (what a rollback can restore). */
export const SERVED_STATUSES: readonly DeploymentStatus[] = ['LIVE', 'SUPERSEDED'];

/** Over and not serving: no workflow, container or route will touch these again (what retention may delete). */
export const RETIRED_STATUSES: readonly DeploymentStatus[] = FINAL_STATUSES.filter((s) => s !== 'LIVE');

export function isFinal(status: DeploymentStatus | string): boolean {
  return (FINAL_STATUSES as readonly string[]).includes(status);
}

export const DEPLOYMENT_TRIGGERS = ['MANUAL', 'GIT_PUSH', 'SCHEDULE', 'ROLLBACK', 'UPLOAD', 'PREVIEW'] as const;
export type DeploymentTrigger = (typeof DEPLOYMENT_TRIGGERS)[number];

export const STEP_NAMES = ['CLONE', 'BUILD', 'PUSH', 'UPLOAD', 'RUN', 'VERIFY', 'ROUTE', 'RETIRE'] as const;
export type StepName = (typeof STEP_NAMES)[number];

/** The steps a SERVICE deployment on Docker goes through, in order. */
export const SERVICE_STEPS: readonly StepName[] = ['CLONE', 'BUILD', 'PUSH', 'RUN', 'VERIFY', 'ROUTE', 'RETIRE'];

/** The steps a STATIC deployment goes through: no image, no container; UPLOAD to object storage. */
export const STATIC_STEPS: readonly StepName[] = ['CLONE', 'BUILD', 'UPLOAD', 'VERIFY', 'ROUTE', 'RETIRE'];

export function stepsForKind(kind: AppKind | string | undefined): readonly StepName[] {
  return kind === 'STATIC' ? STATIC_STEPS : SERVICE_STEPS;
}

export const STEP_STATUSES = ['PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED', 'SKIPPED', 'COMPENSATED'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

/** What a live release's container does: the platform gives up restarting it after too many exits. */
export const RELEASE_STATES = ['RUNNING', 'RESTARTING', 'CRASH_LOOPING'] as const;
export type ReleaseState = (typeof RELEASE_STATES)[number];

export const LOG_STREAMS = ['stdout', 'stderr', 'system'] as const;
export type LogStream = (typeof LOG_STREAMS)[number];
