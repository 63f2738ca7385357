// Commit statuses back to the forge: `pending` when a deployment starts, `success` or `failure`
// when it ends. Posting never decides or holds up the deployment: the pending post runs beside the
// pipeline (not awaited by it), the final one after the outcome is recorded; each is retried on a
// bounded schedule, and a post that failed for good is only recorded in the deployment's log.
// Behind patched('commit-statuses'): histories from before it replay without these commands.
import { ActivityFailure, CancellationScope, log, patched, proxyActivities } from '@temporalio/workflow';
import type { DeploymentState } from '@paas/contracts';
import type { CommitStatusRequest, PlatformActivities } from '@paas/activities';

const forge = proxyActivities<PlatformActivities>({
  startToCloseTimeout: '30 seconds',
  // about a minute and a half of trying at most, then the failure is recorded and left
  scheduleToCloseTimeout: '90 seconds',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '20 seconds', maximumAttempts: 5 },
});

export interface CommitStatusOptions {
  /** The status's link; default: the deployment's page in the console. Previews pass their URL. */
  targetUrl?: string | null;
}

/** What the forge is told when a deployment ended in `state`. */
export function finalCommitStatus(state: Pick<DeploymentState, 'status' | 'error'>): Pick<CommitStatusRequest, 'state' | 'description'> {
  switch (state.status) {
    case 'LIVE':
      return { state: 'success', description: 'Deployed: the release is live.' };
    case 'CANCELLED':
      return { state: 'failure', description: state.error ? `Not deployed: ${state.error}` : 'Not deployed: cancelled.' };
    case 'SUPERSEDED':
      return { state: 'failure', description: 'Not deployed: superseded by a newer deployment.' };
    default:
      return { state: 'failure', description: state.error ? `Deployment failed: ${state.error}` : 'Deployment failed.' };
  }
}

export class CommitStatusReporter {
  private pending: Promise<void> = Promise.resolve();

  private constructor(
    private readonly deploymentId: string,
    private options: CommitStatusOptions,
  ) {}

  /** The link of the posts from now on (a preview knows its URL once its plan is read). */
  useTargetUrl(targetUrl: string | null): void {
    this.options = { ...this.options, targetUrl };
  }

  /** Starts reporting a deployment (posts `pending` in the background); null in histories from before commit statuses. */
  static start(deploymentId: string, options: CommitStatusOptions = {}): CommitStatusReporter | null {
    if (!patched('commit-statuses')) return null;
    const reporter = new CommitStatusReporter(deploymentId, options);
    reporter.pending = reporter.post({ state: 'pending', description: 'Deploying…' });
    return reporter;
  }

  /** Posts the outcome (after the pending post settled, so the forge sees them in order). */
  async finish(state: Pick<DeploymentState, 'status' | 'error'>): Promise<void> {
    await this.pending;
    await this.post(finalCommitStatus(state));
  }

  private post(status: Pick<CommitStatusRequest, 'state' | 'description'>): Promise<void> {
    // not cancellable: a cancelled deployment still tells the forge how it ended
    return CancellationScope.nonCancellable(async () => {
      try {
        await forge.postCommitStatus({ deploymentId: this.deploymentId, ...status, targetUrl: this.options.targetUrl ?? null });
      } catch (err) {
        const why = err instanceof ActivityFailure && err.cause ? err.cause.message : (err as Error).message;
        log.warn('could not post a commit status', { deploymentId: this.deploymentId, state: status.state, error: why });
        await forge.recordCommitStatusFailure(this.deploymentId, `could not post ${status.state}: ${why}`).catch(() => undefined);
      }
    });
  }
}
