// The deployment status rules live in @paas/contracts; raw SQL (retention) gets them from here as
// literal lists, so no status name is ever typed into a query by hand.
import { DEPLOYMENT_STATUSES, type DeploymentStatus } from '@paas/contracts';

/** `('LIVE','SUPERSEDED')`: only known status names pass, so the literal cannot carry anything else. */
export function statusListSql(statuses: readonly DeploymentStatus[]): string {
  if (statuses.length === 0) throw new Error('an empty status list would match nothing');
  for (const s of statuses) if (!(DEPLOYMENT_STATUSES as readonly string[]).includes(s)) throw new Error(`not a deployment status: ${s}`);
  return `(${statuses.map((s) => `'${s}'`).join(',')})`;
}
