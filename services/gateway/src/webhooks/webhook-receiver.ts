// A forge's POST to an app's webhook: verified by its signature (no bearer token), recorded, and
// turned into a deployment of exactly the pushed commit. It answers as soon as the deployment is
// queued; the build runs in Temporal. Refusals change nothing but the delivery log.
import { Inject, Injectable, Logger } from '@nestjs/common';
import { Database } from '@paas/db';
import { createHash } from 'node:crypto';
import { DomainError } from '../common/domain-error.js';
import { isUuid } from '../common/ids.js';
import { DeploymentService } from '../deployments/deployment.service.js';
import { deploymentOfSameCommit } from './duplicate-push.js';
import { PreviewService } from '../previews/preview.service.js';
import { isPullRequestEvent, pullRequestAction } from './pull-request-event.js';
import { actionFor, parseBody } from './webhook-payload.js';
import { deliveryOf, header, verifySignature, type Headers } from './webhook-signature.js';

export interface WebhookAnswer {
  status: number;
  body: { result?: string; deploymentId?: string; error?: string };
}

export interface Delivery {
  appId: string;
  headers: Headers;
  body: Buffer;
  address: string | null;
}

// one answer for an unknown app, a malformed id and an app without a webhook: it reveals nothing
const NOT_FOUND: WebhookAnswer = { status: 404, body: { error: 'There is no webhook here.' } };

@Injectable()
export class WebhookReceiver {
  private readonly logger = new Logger('Webhooks');

  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(DeploymentService) private readonly deployments: DeploymentService,
    @Inject(PreviewService) private readonly previews: PreviewService,
  ) {}

  async receive({ appId, headers, body, address }: Delivery): Promise<WebhookAnswer> {
    if (!isUuid(appId)) return NOT_FOUND;
    const hook = await this.db.gitWebhooks.find(appId);
    const app = hook ? await this.db.apps.findById(appId) : null;
    if (!hook || !app) return NOT_FOUND;
    const { deliveryId, event } = deliveryOf(hook.forge, headers);
    const refuse = async (status: number, reason: string): Promise<WebhookAnswer> => {
      await this.db.gitWebhooks.recordDelivery({ appId, deliveryId: null, bodySha256: null, event: event ?? 'unknown', result: `refused: ${reason}` });
      return { status, body: { error: `Refused: ${reason}.` } };
    };
    if (!verifySignature(hook.forge, hook.secret, headers, body)) return refuse(401, 'bad signature');
    if (!deliveryId || !event) return refuse(400, 'no delivery id or event header');

    const bodySha256 = createHash('sha256').update(body).digest('hex');
    const recorded = await this.db.gitWebhooks.recordDelivery({ appId, deliveryId, bodySha256, event, result: 'received' });
    if (!recorded) return refuse(409, 'replayed delivery');

    const payload = parseBody(body, header(headers, 'content-type'));
    const answer = async (status: number, result: string, deploymentId?: string): Promise<WebhookAnswer> => {
      await this.db.gitWebhooks.setResult(recorded, result);
      return { status, body: deploymentId ? { result, deploymentId } : { result } };
    };
    if (isPullRequestEvent(event)) {
      const outcome = await this.previews.onPullRequest(app, hook.forge, pullRequestAction(hook.forge, payload, app.branch), address);
      if (!outcome.retry) return answer(outcome.status, outcome.result, outcome.deploymentId);
      await this.db.gitWebhooks.release(recorded, outcome.result); // the forge's retry must not count as a replay
      return { status: outcome.status, body: { error: outcome.result } };
    }
    const action = actionFor(event, payload, app.branch);
    switch (action.kind) {
      case 'ping':
        return answer(200, 'pong');
      case 'ignore':
        return answer(200, `ignored: ${action.reason}`);
      case 'malformed':
        return answer(400, `refused: ${action.reason}`);
      case 'deploy': {
        const same = await deploymentOfSameCommit(this.db, appId, action.sha);
        if (same) return answer(200, `ignored: ${action.sha} is already deployed by ${same}`);
        return this.deploy(appId, app.teamId, action.sha, recorded, `webhook:${hook.forge.toLowerCase()}`, address, answer);
      }
    }
  }

  private async deploy(
    appId: string,
    teamId: string,
    sha: string,
    deliveryRowId: string,
    actor: string,
    address: string | null,
    answer: (status: number, result: string, deploymentId?: string) => Promise<WebhookAnswer>,
  ): Promise<WebhookAnswer> {
    try {
      const d = await this.deployments.deploy(appId, sha, 'GIT_PUSH');
      await this.audit(actor, appId, teamId, 'ok', address);
      return answer(202, `deployed ${d.id}`, d.id);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      await this.audit(actor, appId, teamId, err.code, address);
      if (err.code === 'UNAVAILABLE') {
        // the forge retries a failed delivery with the same id: that retry must not count as a replay
        await this.db.gitWebhooks.release(deliveryRowId, `failed: ${err.message}`);
        return { status: 503, body: { error: err.message } };
      }
      return answer(422, `refused: ${err.message}`);
    }
  }

  private async audit(actor: string, appId: string, teamId: string, result: string, address: string | null): Promise<void> {
    try {
      await this.db.auditEvents.insert({ actor, action: 'deploy', targetId: appId, teamId, result, address });
    } catch (err) {
      this.logger.error(`could not record a webhook deployment in the audit log: ${(err as Error).message}`);
    }
  }
}
