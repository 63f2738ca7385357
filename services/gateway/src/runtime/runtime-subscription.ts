// The live runtime log of an app: each NOTIFY of stored lines (an id range) is read back for the
// app and yielded; ids already yielded are skipped (two ranges may overlap when collectors store
// concurrently). Ends when the client leaves or may no longer read the app.
import { abortable, type MayWatch } from '../deployments/deployment-subscriptions.js';
import type { DeploymentEventsService } from '../deployments/deployment-events.service.js';
import type { RuntimeService } from './runtime.service.js';

const REMEMBERED_IDS = 20_000;

export function runtimeLogUpdates(events: DeploymentEventsService, runtime: RuntimeService, appId: string, mayWatch: MayWatch) {
  return abortable(async function* (signal) {
    const seen = new Set<string>();
    for await (const notice of events.runtimeLogNotices(signal)) {
      if (notice.appId !== appId) continue;
      if (!(await mayWatch())) return;
      for (const line of await runtime.range(appId, notice.from, notice.to)) {
        if (seen.has(line.id)) continue;
        seen.add(line.id);
        if (seen.size > REMEMBERED_IDS) seen.delete(seen.values().next().value!);
        yield { runtimeLogs: { timestamp: line.timestamp, stream: line.stream, line: line.line, instance: line.instance } };
      }
    }
  });
}
