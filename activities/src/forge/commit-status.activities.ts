// Commit statuses: what a deployment tells the forge about its commit (pending, then success or
// failure), with the deployment's console page (or, for a preview, its URL) as the target. Posting
// never decides a deployment's outcome: a forge that refuses the request (4xx) is not asked again,
// one that is down is retried by the workflow's bounded retry policy, and the workflow only records
// what finally happened.
import { ApplicationFailure } from '@temporalio/activity';
import { Database } from '@paas/db';
import { ForgeApiError, type CommitState } from '@paas/forge';
import { OutboundRefusedError } from '@paas/outbound';
import type { DataSource } from 'typeorm';
import type { ProjectionAdapter } from '../projection/projection.adapter.js';
import { CommitStatusAdapter } from './commit-status.adapter.js';

export const COMMIT_STATUS_CONTEXT = 'paas/deploy';

/**
 * One context per app (and one for its previews): several apps built from one repository (a
 * monorepo) each keep their own status on a commit, as a newer status of a context replaces the older.
 */
export function commitStatusContext(appName: string, preview: boolean): string {
  return `${COMMIT_STATUS_CONTEXT}/${appName}${preview ? ' (preview)' : ''}`;
}

export interface CommitStatusRequest {
  deploymentId: string;
  state: CommitState;
  /** Short text for the forge's UI (cut to 140 characters: GitHub's limit). */
  description: string;
  /** Default: the deployment's page in the console; previews pass their URL. */
  targetUrl?: string | null;
}

export interface CommitStatusOutcome {
  posted: boolean;
  /** What happened, for the deployment's log: where it was posted, or why not. */
  detail: string;
}

/** The console's address as the gateway computes it (PAAS_PUBLIC_URL, else the gateway on loopback). */
export function publicUrlFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return (env.PAAS_PUBLIC_URL || `http://127.0.0.1:${env.PAAS_PORT || '4000'}`).replace(/\/+$/, '');
}

export function consolePage(publicUrl: string, appId: string, deploymentId: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/#/apps/${encodeURIComponent(appId)}/deployments/${encodeURIComponent(deploymentId)}`;
}

export function createCommitStatusActivities(
  source: DataSource | Database,
  projection: Pick<ProjectionAdapter, 'appendLogs'>,
  publicUrl: string,
  adapter?: CommitStatusAdapter,
) {
  const db = source instanceof Database ? source : new Database(source);
  const statuses = adapter ?? new CommitStatusAdapter(db);
  const note = (deploymentId: string, line: string) => projection.appendLogs(deploymentId, [{ stream: 'system', line: `Commit status: ${line}` }]);
  return {
    /** Posts the status and notes in the deployment's log where it went (or why it did not). */
    async postCommitStatus(req: CommitStatusRequest): Promise<CommitStatusOutcome> {
      const outcome = await post(req);
      if (outcome.posted) await note(req.deploymentId, outcome.detail);
      return outcome;
    },

    /** What the workflow records when posting failed for good: the deployment goes on regardless. */
    async recordCommitStatusFailure(deploymentId: string, message: string): Promise<void> {
      await note(deploymentId, `${message.slice(0, 500)} (the deployment is not affected)`);
    },
  };

  async function post(req: CommitStatusRequest): Promise<CommitStatusOutcome> {
    const d = await db.deployments.find(req.deploymentId);
    const app = d ? await db.apps.findById(d.appId) : null;
    if (!d || !app) return { posted: false, detail: 'the deployment or its app no longer exists' };
    const sha = d.commitSha ?? d.requestedSha;
    if (!sha) return { posted: false, detail: 'the commit is not known yet' };
    if (!app.gitUrl) return { posted: false, detail: 'the app has no git repository' };
    const target = await statuses.targetOf(app.teamId, app.gitUrl);
    if (!target) return { posted: false, detail: "no forge connection of the team hosts the app's repository" };
    const where = `${target.connection.baseUrl}/${target.fullName}@${sha.slice(0, 12)}`;
    try {
      await statuses.post(target, sha, {
        state: req.state,
        targetUrl: req.targetUrl ?? consolePage(publicUrl, app.id, d.id),
        description: req.description.slice(0, 140),
        context: commitStatusContext(app.name, !!d.previewId),
      });
    } catch (err) {
      const refused = err instanceof OutboundRefusedError || (err instanceof ForgeApiError && !err.retryable);
      const message = `posting ${req.state} to ${where} failed: ${(err as Error).message}`;
      if (refused) throw ApplicationFailure.nonRetryable(message, 'CommitStatusRefused');
      throw ApplicationFailure.retryable(message, 'CommitStatusFailed');
    }
    return { posted: true, detail: `${req.state} posted to ${where}` };
  }
}
