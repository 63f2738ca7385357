// Pull-request previews: the app's switch, the list, and what a pull-request delivery does. A
// preview is opened (or moved to a new head) and deployed in one transaction with its quota check;
// a closed pull request's preview is marked closed at once and removed by a workflow.
import { Inject, Injectable, Logger } from '@nestjs/common';
import { previewAppName, previewUrl } from '@paas/contracts';
import { Database, type AppEntity, type Forge, type PreviewEntity } from '@paas/db';
import { DomainError, notFound } from '../common/domain-error.js';
import { isUuid } from '../common/ids.js';
import { PlatformConfig } from '../config/platform-config.js';
import { DeploymentService } from '../deployments/deployment.service.js';
import { assertWithinPlan } from '../plans/quota.js';
import type { PullRequestAction } from '../webhooks/pull-request-event.js';
import type { PreviewModel } from './preview.model.js';

/** What came of a pull-request delivery; `retry`: nothing was done and the forge may deliver it again. */
export interface PreviewOutcome {
  status: number;
  result: string;
  deploymentId?: string;
  retry?: boolean;
}

const DNS_LABEL_MAX = 63;

@Injectable()
export class PreviewService {
  private readonly logger = new Logger('Previews');

  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(DeploymentService) private readonly deployments: DeploymentService,
    @Inject(PlatformConfig) private readonly config: PlatformConfig,
  ) {}

  url(appName: string, pullRequest: number): string {
    return previewUrl(appName, pullRequest, this.config.baseDomain, this.config.edgePort);
  }

  async enabled(appId: string): Promise<boolean> {
    return (await this.db.previews.enabled(appId)) ?? false;
  }

  async list(app: { id: string; name: string }): Promise<PreviewModel[]> {
    return (await this.db.previews.listOpen(app.id)).map((p) => this.toModel(p, app.name));
  }

  async ofDeployment(previewId: string | null): Promise<PreviewModel | null> {
    const preview = previewId ? await this.db.previews.findById(previewId) : null;
    const app = preview ? await this.db.apps.findById(preview.appId) : null;
    return preview && app ? this.toModel(preview, app.name) : null;
  }

  /** Turning previews off removes the open ones (their pull requests get no preview from then on). */
  async setEnabled(appId: string, enabled: boolean): Promise<void> {
    if (!isUuid(appId) || !(await this.db.previews.setEnabled(appId, enabled))) throw notFound('App', appId);
    if (!enabled) for (const p of await this.db.previews.listOpen(appId)) await this.close(appId, p.pullRequest);
  }

  /** A verified pull-request delivery for `app`. */
  async onPullRequest(app: AppEntity, forge: Forge, action: PullRequestAction, address: string | null): Promise<PreviewOutcome> {
    switch (action.kind) {
      case 'ignore':
        return { status: 200, result: `ignored: ${action.reason}` };
      case 'malformed':
        return { status: 400, result: `refused: ${action.reason}` };
      case 'close': {
        let closed: PreviewEntity | null;
        try {
          closed = await this.close(app.id, action.pullRequest);
        } catch (err) {
          if (err instanceof DomainError && err.code === 'UNAVAILABLE') return { status: 503, result: `failed: ${err.message}`, retry: true };
          throw err;
        }
        if (!closed) return { status: 200, result: `ignored: pull request #${action.pullRequest} has no preview` };
        await this.audit(`webhook:${forge.toLowerCase()}`, 'closePreview', app, 'ok', address);
        return { status: 202, result: `preview #${action.pullRequest} closing` };
      }
      case 'preview':
        return this.deploy(app, forge, action, address);
    }
  }

  private async deploy(app: AppEntity, forge: Forge, pr: Extract<PullRequestAction, { kind: 'preview' }>, address: string | null): Promise<PreviewOutcome> {
    const n = pr.pullRequest;
    if (!(await this.enabled(app.id))) return { status: 200, result: `ignored: previews are disabled (pull request #${n})` };
    const name = previewAppName(app.name, n);
    if (name.length > DNS_LABEL_MAX) return { status: 200, result: `ignored: ${name} is longer than a host label may be` };
    if (!app.gitUrl) return { status: 200, result: 'ignored: the app has no git repository' };
    if (await this.alreadyAt(app.id, n, pr.sha)) return { status: 200, result: `ignored: preview #${n} is already at ${pr.sha}` };
    const actor = `webhook:${forge.toLowerCase()}`;
    try {
      const d = await this.deployments.deployPreview(app.id, n, pr.sha, async (tx, teamId) => {
        const before = await tx.previews.find(app.id, n);
        // a new (or reopened) preview runs one more instance of the app: it must fit the team's plan
        if (!before || before.closedAt) await assertWithinPlan(tx, teamId, { memoryMb: app.memoryMb });
        // a pull request from the app's own repository is cloned like the app (with its credential, and its secrets)
        const cloneUrl = pr.fromFork ? pr.cloneUrl : app.gitUrl!;
        const preview = await tx.previews.open({ appId: app.id, pullRequest: n, branch: pr.branch, headSha: pr.sha, cloneUrl, fromFork: pr.fromFork });
        return { id: preview.id, appName: name, gitUrl: cloneUrl, branch: pr.branch, withSecrets: !pr.fromFork };
      });
      await this.audit(actor, 'deployPreview', app, 'ok', address);
      return { status: 202, result: `preview #${n}: deployed ${d.id}`, deploymentId: d.id };
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      await this.audit(actor, 'deployPreview', app, err.code, address);
      if (err.code === 'UNAVAILABLE') return { status: 503, result: `failed: ${err.message}`, retry: true };
      return { status: 422, result: `refused: ${err.message}` };
    }
  }

  /** The same head delivered again (GitLab's "update" for a title, a forge's retry): nothing new to deploy. */
  private async alreadyAt(appId: string, n: number, sha: string): Promise<boolean> {
    const open = await this.db.previews.find(appId, n);
    if (!open || open.closedAt || open.headSha !== sha) return false;
    const deployments = await this.db.deployments.ofPreview(open.id);
    return deployments.some((d) => d.requestedSha === sha && d.status !== 'FAILED' && d.status !== 'CANCELLED');
  }

  /** Marks the preview closed and starts its removal; when that cannot start, it stays open (nothing half-done). */
  private async close(appId: string, pullRequest: number): Promise<PreviewEntity | null> {
    const closed = await this.db.previews.close(appId, pullRequest);
    if (!closed) return null;
    try {
      await this.deployments.tearDownPreview({ appId, previewId: closed.id, pullRequest });
    } catch (err) {
      this.logger.error(`could not start the removal of preview #${pullRequest} of app ${appId}: ${(err as Error).message}`);
      await this.db.previews.reopen(closed.id);
      throw new DomainError('UNAVAILABLE', 'The workflow service (Temporal) is unavailable; the preview was not removed. Try again.');
    }
    return closed;
  }

  private toModel(p: PreviewEntity, appName: string): PreviewModel {
    return { id: p.id, appId: p.appId, pullRequest: p.pullRequest, branch: p.branch, url: this.url(appName, p.pullRequest), createdAt: p.createdAt };
  }

  private async audit(actor: string, action: string, app: AppEntity, result: string, address: string | null): Promise<void> {
    try {
      await this.db.auditEvents.insert({ actor, action, targetId: app.id, teamId: app.teamId, result, address });
    } catch (err) {
      this.logger.error(`could not record a preview in the audit log: ${(err as Error).message}`);
    }
  }
}
