// The plan's limits where work starts in the gateway, as QUOTA_EXCEEDED errors (the rules are @paas/db's quota.ts).
import { deployQuotaViolation, quotaViolation, type QuotaChange, type Repositories } from '@paas/db';
import { DomainError } from '../common/domain-error.js';

export async function assertWithinPlan(tx: Repositories, teamId: string, change: QuotaChange): Promise<void> {
  const why = await quotaViolation(tx, teamId, change);
  if (why) throw new DomainError('QUOTA_EXCEEDED', `Quota exceeded: ${why}.`);
}

export async function assertMayDeploy(tx: Repositories, teamId: string, appId: string): Promise<void> {
  const why = await deployQuotaViolation(tx, teamId, appId);
  if (why) throw new DomainError('QUOTA_EXCEEDED', `Quota exceeded: ${why}.`);
}
