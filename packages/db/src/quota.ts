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

/** Why a deployment may not start now: the team is above its memory limit (a plan lowered since); null when it may. */
export async function deployQuotaViolation(tx: Repositories, teamId: string): Promise<string | null> {
  if (teamId === OPERATOR_TEAM_ID) return null;
  const plan = await tx.plans.ofTeam(teamId);
  if (!plan) return null;
  const usage = await tx.plans.usageOf(teamId);
  if (usage.memoryMb > plan.maxMemoryMb) return `the ${plan.name} plan allows ${plan.maxMemoryMb} ${MEMORY}; the team uses ${usage.memoryMb} MiB`;
  return null;
}
