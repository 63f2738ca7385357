// The contract's enums, registered once for the code-first schema.
import { registerEnumType } from '@nestjs/graphql';
import { APP_KINDS, DEPLOYMENT_STATUSES, ISOLATIONS, DEPLOYMENT_TRIGGERS, RELEASE_STATES, RUNTIMES, STEP_NAMES, STEP_STATUSES } from '@paas/contracts';

const asEnum = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };

export const AppKindEnum = asEnum(APP_KINDS);
export const RuntimeEnum = asEnum(RUNTIMES);
export const IsolationEnum = asEnum(ISOLATIONS);
export const DeploymentStatusEnum = asEnum(DEPLOYMENT_STATUSES);
export const DeploymentTriggerEnum = asEnum(DEPLOYMENT_TRIGGERS);
export const StepNameEnum = asEnum(STEP_NAMES);
export const StepStatusEnum = asEnum(STEP_STATUSES);
export const ReleaseStateEnum = asEnum(RELEASE_STATES);

registerEnumType(ReleaseStateEnum, {
  name: 'ReleaseState',
  description: 'What a live release does: RUNNING; RESTARTING after it exited; CRASH_LOOPING when it exited too often and the platform stopped restarting it.',
});

registerEnumType(AppKindEnum, {
  name: 'AppKind',
  valuesMap: {
    SERVICE: { description: 'A long-running HTTP service built from a Dockerfile and run as containers.' },
    STATIC: { description: 'A static site: a build command produces a directory that is served from object storage.' },
  },
});
registerEnumType(RuntimeEnum, { name: 'Runtime' });
registerEnumType(IsolationEnum, {
  name: 'Isolation',
  valuesMap: {
    STANDARD: { description: "The container runtime's default (runc)." },
    SANDBOXED: { description: 'A sandboxed runtime class: Kata Containers where the host has hardware virtualization, gVisor otherwise.' },
  },
});
registerEnumType(DeploymentStatusEnum, {
  name: 'DeploymentStatus',
  valuesMap: {
    LIVE: { description: 'Serving traffic now.' },
    SUPERSEDED: { description: 'Was LIVE; a newer deployment (or a rollback) took over.' },
    FAILED: { description: 'Did not go live; the previous live deployment kept serving.' },
  },
});
registerEnumType(DeploymentTriggerEnum, { name: 'DeploymentTrigger' });
registerEnumType(StepNameEnum, { name: 'StepName' });
registerEnumType(StepStatusEnum, {
  name: 'StepStatus',
  valuesMap: { COMPENSATED: { description: 'Undone by compensation after a later step failed.' } },
});
