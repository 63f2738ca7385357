// Forges may tell of one commit more than once under different delivery ids and bodies (a
// redelivery, a push event and a branch-creation event, a second hook on the same repository):
// when the app's newest deployment already asked for that very commit and has not failed, another
// deployment of it would only supersede the first, so the delivery is recorded and ignored.
import type { Database } from '@paas/db';

const STILL_GOOD = new Set(['QUEUED', 'BUILDING', 'DEPLOYING', 'VERIFYING', 'LIVE']);

/** The id of the app's newest deployment when it is of `sha` and queued, running or live; otherwise null. */
export async function deploymentOfSameCommit(db: Database, appId: string, sha: string): Promise<string | null> {
  const [newest] = await db.deployments.listForApp(appId, 1);
  if (!newest || !STILL_GOOD.has(newest.status)) return null;
  return (newest.commitSha ?? newest.requestedSha) === sha ? newest.id : null;
}
