// The plan's limits against what a team uses, for the gateway (createApp, updateApp, deploy) and
// the worker (a scheduled redeploy) alike. The operator team (the admin token's) has no limits.
import { OPERATOR_TEAM_ID } from './entities/team.entity.js';
import type { Repositories } from './database.js';

/** What a change adds to the team: apps and memory (MiB, memoryMb x instances). */
export interface QuotaChange {
  apps?: number;
  memoryMb?: number;
}

const MEMORY = "MiB of memory (memoryMb x instances over the team's apps)";

/**
 * Why the change would exceed the team's plan, naming the limit and the usage; null when it fits.
 * Inside the transaction that makes the change: the team's row stays locked until it ends, so two
 * changes at once cannot pass a limit together. Only what grows is checked: a team above a
 * lowered limit may still shrink.
 */
export async function quotaViolation(tx: Repositories, teamId: string, change: QuotaChange): Promise<string | null> {
  if (teamId === OPERATOR_TEAM_ID) return null;
  await tx.plans.lockTeam(teamId);
  const plan = await tx.plans.ofTeam(teamId);
  if (!plan) return null; // no such team: the caller's own lookup reports it
  const usage = await tx.plans.usageOf(teamId);
  const apps = change.apps ?? 0;
  const memoryMb = change.memoryMb ?? 0;
  if (apps > 0 && usage.apps + apps > plan.maxApps) return `the ${plan.name} plan allows ${plan.maxApps} apps; the team has ${usage.apps}`;
  if (memoryMb > 0 && usage.memoryMb + memoryMb > plan.maxMemoryMb)
    return `the ${plan.name} plan allows ${plan.maxMemoryMb} ${MEMORY}; the team uses ${usage.memoryMb} MiB and this would make it ${usage.memoryMb + memoryMb} MiB`;
  return null;
}

/**
 * Why a deployment of `appId` may not start now; null when it may. Refused: the team above its
 * memory limit (a plan lowered since) or its build minutes of this month used up. Concurrent
 * builds do not refuse: a deployment waits in the team's build queue (`claimBuildSlot`).
 */
export async function deployQuotaViolation(tx: Repositories, teamId: string, appId: string): Promise<string | null> {
  if (teamId === OPERATOR_TEAM_ID) return null;
  await tx.plans.lockTeam(teamId);
  const plan = await tx.plans.ofTeam(teamId);
  if (!plan) return null;
  const usage = await tx.plans.usageOf(teamId);
  if (usage.memoryMb > plan.maxMemoryMb) return `the ${plan.name} plan allows ${plan.maxMemoryMb} ${MEMORY}; the team uses ${usage.memoryMb} MiB`;
  if (usage.buildMinutesThisMonth >= plan.maxBuildMinutesPerMonth)
    return `the ${plan.name} plan allows ${plan.maxBuildMinutesPerMonth} build minutes a month; the team has used ${usage.buildMinutesThisMonth.toFixed(1)} this month (UTC)`;
  return null;
}

/**
 * The team's build queue: claims one of the plan's concurrent build slots for the deployment and
 * resolves to null, or says why it must wait (naming the limit and the builds holding the slots).
 * Under the team's row lock, so two deployments cannot take the last slot together.
 */
export async function claimBuildSlot(tx: Repositories, teamId: string, deploymentId: string): Promise<string | null> {
  if (teamId !== OPERATOR_TEAM_ID) {
    await tx.plans.lockTeam(teamId);
    const plan = await tx.plans.ofTeam(teamId);
    const held = plan ? await tx.plans.buildSlotsHeld(teamId, deploymentId) : 0;
    if (plan && held >= plan.maxConcurrentBuilds)
      return `the ${plan.name} plan allows ${plan.maxConcurrentBuilds} concurrent builds and ${held} of the team's deployments are building`;
  }
  await tx.plans.claimBuildSlot(deploymentId);
  return null;
}
