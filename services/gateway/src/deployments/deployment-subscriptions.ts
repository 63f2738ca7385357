// Builds the subscription streams: each ends (and releases its listener) when the client leaves,
// or when the subscriber may no longer watch (removed from the team, its token revoked): the
// check runs again before every event, not only at subscribe time.

/** Whether the subscriber may still see this app's deployments. */
export type MayWatch = () => Promise<boolean>;
import type { DeploymentModel, LogLineModel } from './deployment.model.js';
import type { DeploymentEventsService } from './deployment-events.service.js';
import type { DeploymentService } from './deployment.service.js';

/** An async iterator whose return() aborts the underlying listener. */
export function abortable<T>(make: (signal: AbortSignal) => AsyncIterable<T>): AsyncIterableIterator<T> {
  const controller = new AbortController();
  const inner = make(controller.signal)[Symbol.asyncIterator]();
  return {
    next: () => inner.next(),
    return: async (value?: unknown) => {
      controller.abort();
      await inner.return?.();
      return { done: true, value: value as T };
    },
    throw: async (err?: unknown) => {
      controller.abort();
      return inner.throw ? inner.throw(err) : { done: true, value: undefined as T };
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

export function deploymentUpdates(events: DeploymentEventsService, deployments: DeploymentService, appId: string, mayWatch: MayWatch) {
  return abortable(async function* (signal) {
    for await (const id of events.deploymentChanges(signal)) {
      const d = await deployments.find(id);
      if (!d || d.appId !== appId) continue;
      if (!(await mayWatch())) return;
      yield { deploymentUpdated: d };
    }
  });
}

export function logUpdates(
  events: DeploymentEventsService,
  deployments: DeploymentService,
  deploymentId: string,
  afterSeq: number | null | undefined,
  mayWatch: MayWatch,
) {
  return abortable(async function* (signal) {
    const notices = events.logNotices(signal)[Symbol.asyncIterator]();
    // listening starts before the replay, so no line falls between the two
    let last = afterSeq ?? (await deployments.logs(deploymentId, 0)).at(-1)?.seq ?? 0;
    if (afterSeq !== null && afterSeq !== undefined) {
      for (const line of await deployments.logs(deploymentId, last)) {
        last = line.seq;
        yield { deploymentLogs: line };
      }
    }
    for (;;) {
      const n = await notices.next();
      if (n.done) return;
      if (n.value.deploymentId !== deploymentId || n.value.to <= last) continue;
      if (!(await mayWatch())) return;
      for (const line of await deployments.logs(deploymentId, last)) {
        last = line.seq;
        yield { deploymentLogs: line };
      }
    }
  });
}
