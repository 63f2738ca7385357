import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  TASK_QUEUE,
  appDeployerWorkflowId,
  appTeardownWorkflowId,
  isFinal,
  previewDeployerWorkflowId,
  previewTeardownWorkflowId,
  type PreviewTeardownInput,
  requestDeploymentSignal,
  cancelDeploymentSignal,
  validateCommitSha,
  type DeploymentTrigger,
} from '@paas/contracts';
import { Database, type DeploymentEntity, type QueuedDeployment, type Repositories } from '@paas/db';
import { Client, WorkflowExecutionAlreadyStartedError, WorkflowFailedError, WorkflowNotFoundError } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { isUuid } from '../common/ids.js';
import { DomainError, notFound } from '../common/domain-error.js';
import { assertMayDeploy } from '../plans/quota.js';
import { toDeploymentModel, toLogLineModel, toStepModels } from './deployment.mapper.js';
import type { DeploymentModel, DeploymentStepModel, LogLineModel } from './deployment.model.js';

/** What a preview deployment runs: the preview's row, its name, the head to clone, and whether secrets go with it. */
export type PreviewDeployment = NonNullable<QueuedDeployment['preview']>;

@Injectable()
export class DeploymentService {
  private readonly logger = new Logger(DeploymentService.name);

  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(Client) private readonly temporal: Client,
  ) {}

  async find(id: string): Promise<DeploymentModel | null> {
    if (!isUuid(id)) return null;
    const d = await this.db.deployments.find(id);
    return d ? toDeploymentModel(d) : null;
  }

  async listForApp(appId: string, limit: number): Promise<DeploymentModel[]> {
    const take = Math.min(Math.max(limit, 0), 200);
    const rows = await this.db.deployments.listForApp(appId, take);
    return rows.map(toDeploymentModel);
  }

  async liveForApp(appId: string): Promise<DeploymentModel | null> {
    const d = await this.db.deployments.live(appId);
    return d ? toDeploymentModel(d) : null;
  }

  async steps(deploymentId: string, kind?: string): Promise<DeploymentStepModel[]> {
    const rows = await this.db.steps.listForDeployment(deploymentId);
    return toStepModels(rows, kind);
  }

  async logs(deploymentId: string, afterSeq = 0, limit = 10_000): Promise<LogLineModel[]> {
    if (!isUuid(deploymentId)) throw notFound('Deployment', deploymentId);
    const rows = await this.db.logs.page(deploymentId, afterSeq ?? 0, limit);
    if (rows.length === 0 && !(await this.db.deployments.exists(deploymentId))) {
      throw notFound('Deployment', deploymentId);
    }
    return rows.map(toLogLineModel);
  }

  /** Records a QUEUED deployment with a snapshot of the app's settings, then hands it to the app's deployer workflow. */
  async deploy(appId: string, commitSha: string | null | undefined, trigger: DeploymentTrigger = 'MANUAL'): Promise<DeploymentModel> {
    const requestedSha = commitSha ? validateCommitSha(commitSha.toLowerCase()) : null;
    const app = isUuid(appId) ? await this.db.apps.findById(appId) : null;
    if (!app) throw notFound('App', appId);
    if (!app.gitUrl)
      throw new DomainError(
        'BAD_USER_INPUT',
        `App ${app.name} has no git repository: upload a ZIP of the built site instead (createUpload, then deployUpload).`,
      );
    const id = randomUUID();
    await this.db.transaction(async (tx) => {
      await assertMayDeploy(tx, app.teamId, appId);
      if (!(await tx.deployments.insertQueued({ id, appId, trigger, requestedSha }))) throw notFound('App', appId);
    });
    return this.enqueue(appId, id);
  }

  /**
   * A pull request's preview of `sha` (trigger PREVIEW), run by the preview's own deployer: a newer
   * push to the pull request supersedes it, the app's own deployments do not. `open` records the
   * preview in the same transaction (and checks what a new preview adds to the team's quota).
   */
  async deployPreview(
    appId: string,
    pullRequest: number,
    sha: string,
    open: (tx: Repositories, teamId: string) => Promise<PreviewDeployment>,
  ): Promise<DeploymentModel> {
    const id = randomUUID();
    const requestedSha = validateCommitSha(sha);
    await this.db.transaction(async (tx) => {
      const teamId = await tx.teams.teamOfApp(appId);
      if (!teamId) throw notFound('App', appId);
      await assertMayDeploy(tx, teamId, appId);
      const preview = await open(tx, teamId);
      if (!(await tx.deployments.insertQueued({ id, appId, trigger: 'PREVIEW', requestedSha, preview }))) throw notFound('App', appId);
    });
    return this.enqueue(appId, id, previewDeployerWorkflowId(appId, pullRequest));
  }

  /** Starts (or restarts) the removal of a closed pull request's preview; it runs in the background. */
  async tearDownPreview(input: PreviewTeardownInput): Promise<void> {
    try {
      await this.temporal.workflow.start('teardownPreviewWorkflow', {
        workflowId: previewTeardownWorkflowId(input.appId, input.pullRequest),
        taskQueue: TASK_QUEUE,
        args: [input],
        workflowExecutionTimeout: '10 minutes',
      });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
  }

  /** A deployment of a ZIP the client PUT to a pre-signed URL (trigger UPLOAD); the upload service checked it exists. */
  async deployUpload(appId: string, uploadId: string): Promise<DeploymentModel> {
    const id = randomUUID();
    await this.db.transaction(async (tx) => {
      const teamId = await tx.teams.teamOfApp(appId);
      if (teamId) await assertMayDeploy(tx, teamId, appId);
      if (!(await tx.deployments.insertQueued({ id, appId, trigger: 'UPLOAD', requestedSha: null, uploadId }))) throw notFound('App', appId);
    });
    return this.enqueue(appId, id);
  }

  /**
   * A ROLLBACK deployment: the target release's image (by digest), settings and env vars,
   * with no rebuild. Default target: the release that was live before the current one.
   */
  async rollback(appId: string, toDeploymentId: string | null | undefined): Promise<DeploymentModel> {
    const id = randomUUID();
    await this.db.transaction(async (tx) => {
      if (!(await tx.apps.exists(appId))) throw notFound('App', appId);
      let target: DeploymentEntity | null;
      if (toDeploymentId) {
        if (!isUuid(toDeploymentId)) throw notFound('Deployment', toDeploymentId);
        target = await tx.deployments.findForAppWithEnv(appId, toDeploymentId);
        if (!target) throw notFound('Deployment', toDeploymentId);
        if (target.previewId)
          throw new DomainError('BAD_USER_INPUT', `Deployment ${toDeploymentId} is a pull-request preview; the app cannot roll back to it.`);
        if (target.status === 'LIVE') throw new DomainError('CONFLICT', `Deployment ${toDeploymentId} is already live.`);
        if (target.status !== 'SUPERSEDED' || !(target.imageRef || target.sitePrefix)) {
          throw new DomainError(
            'BAD_USER_INPUT',
            `Deployment ${toDeploymentId} never went live (${target.status}); only a release that served traffic can be restored.`,
          );
        }
        if (target.imagePrunedAt) {
          throw new DomainError(
            'BAD_USER_INPUT',
            `The ${target.sitePrefix ? 'files' : 'image'} of deployment ${toDeploymentId} were garbage-collected (only the newest releases are kept, PAAS_KEEP_RELEASES); deploy its commit ${target.commitSha ?? ''} instead.`,
          );
        }
      } else {
        target = await tx.deployments.latestRestorableWithEnv(appId);
        if (!target?.imageRef && !target?.sitePrefix) throw new DomainError('BAD_USER_INPUT', 'There is no earlier release to roll back to.');
      }
      const live = await tx.deployments.live(appId);
      if (live && target.sitePrefix && live.sitePrefix === target.sitePrefix)
        throw new DomainError('CONFLICT', `The release of ${target.id} is already live (served by ${live.id}).`);
      if (live?.sourceDeploymentId === target.id) throw new DomainError('CONFLICT', `The release of ${target.id} is already live (restored by ${live.id}).`);
      await tx.deployments.insertRollback({ id, source: target });
    });
    return this.enqueue(appId, id);
  }

  /** Cancels a waiting or running deployment; it compensates what it did and ends CANCELLED. */
  async cancel(id: string): Promise<DeploymentModel> {
    const d = await this.find(id);
    if (!d) throw notFound('Deployment', id);
    if (d.status === 'CANCELLED') return d;
    if (isFinal(d.status))
      throw new DomainError(
        'CONFLICT',
        `Deployment ${id} already ended ${d.status}; there is nothing to cancel${d.status === 'LIVE' ? ' (roll back instead)' : ''}.`,
      );
    try {
      const preview = d.previewId ? await this.db.previews.findById(d.previewId) : null;
      const deployer = preview ? previewDeployerWorkflowId(d.appId, preview.pullRequest) : appDeployerWorkflowId(d.appId);
      await this.temporal.workflow.getHandle(deployer).signal(cancelDeploymentSignal, { deploymentId: id });
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) throw err;
      // no deployer holds it (its start failed): nothing ran, so it simply ends
      await this.db.deployments.endUnstarted(id, 'CANCELLED', 'Cancelled before it started.', true);
    }
    // compensation usually takes a moment; answer with the outcome when it comes quickly
    const deadline = Date.now() + 15_000;
    for (;;) {
      const now = (await this.find(id))!;
      if (isFinal(now.status) || Date.now() > deadline) return now;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  private async enqueue(appId: string, id: string, deployerId = appDeployerWorkflowId(appId)): Promise<DeploymentModel> {
    try {
      await this.temporal.workflow.signalWithStart('appDeployerWorkflow', {
        workflowId: deployerId,
        taskQueue: TASK_QUEUE,
        args: [{ appId }],
        signal: requestDeploymentSignal,
        signalArgs: [{ deploymentId: id }],
      });
    } catch (err) {
      this.logger.error(`could not start deployment ${id}: ${(err as Error).message}`);
      await this.db.deployments.endUnstarted(id, 'FAILED', 'The workflow service is unavailable; try again.', false);
      throw new DomainError('UNAVAILABLE', 'The workflow service (Temporal) is unavailable; the deployment was not started. Try again.');
    }
    return (await this.find(id))!;
  }

  /**
   * Deleting an app: stop its deployer (which cancels a running deployment and lets its
   * compensations finish), remove its route, containers, network and images, then its rows.
   */
  async deleteApp(appId: string, appName: string): Promise<void> {
    // the previews first: their deployers stop and their networks and images go (the rest is the app's)
    for (const p of await this.db.previews.listOpen(appId)) {
      await this.db.previews.close(appId, p.pullRequest);
      const workflowId = previewTeardownWorkflowId(appId, p.pullRequest);
      try {
        await this.temporal.workflow.execute('teardownPreviewWorkflow', {
          workflowId,
          taskQueue: TASK_QUEUE,
          args: [{ appId, previewId: p.id, pullRequest: p.pullRequest } satisfies PreviewTeardownInput],
          workflowExecutionTimeout: '5 minutes',
        });
      } catch (err) {
        if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
        await this.waitForClose(workflowId);
      }
    }
    await this.cancelIfRunning(appDeployerWorkflowId(appId));
    const active = await this.db.deployments.unfinished(appId);
    for (const d of active) await this.waitForClose(d.workflowId);
    try {
      await this.temporal.workflow.execute('teardownAppWorkflow', {
        workflowId: appTeardownWorkflowId(appId),
        taskQueue: TASK_QUEUE,
        args: [appId, appName],
        workflowExecutionTimeout: '5 minutes',
        // a second delete while the first one's teardown runs (a client that gave up waiting) joins it
        workflowIdConflictPolicy: 'USE_EXISTING',
      });
    } catch (err) {
      if (!(err instanceof WorkflowFailedError)) throw err;
      // the app's row stays, so the delete can be tried again; its teardown steps are idempotent
      throw new DomainError('UNAVAILABLE', `Removing the app's containers, route and images failed (${(err.cause ?? err).message}); try again.`);
    }
    await this.db.apps.delete(appId);
  }

  private async cancelIfRunning(workflowId: string): Promise<void> {
    try {
      await this.temporal.workflow.getHandle(workflowId).cancel();
      await this.waitForClose(workflowId);
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) throw err;
    }
  }

  private async waitForClose(workflowId: string, timeoutMs = 120_000): Promise<void> {
    try {
      await Promise.race([
        this.temporal.workflow
          .getHandle(workflowId)
          .result()
          .catch(() => undefined),
        new Promise((_, reject) =>
          setTimeout(() => reject(new DomainError('UNAVAILABLE', `Workflow ${workflowId} did not stop in time; try again.`)), timeoutMs),
        ),
      ]);
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) throw err;
    }
  }
}
