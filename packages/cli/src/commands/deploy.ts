// deploy and rollback, and following a deployment live: its steps from deploymentUpdated, its
// build log from deploymentLogs, both over graphql-ws, until it ends.
import type { Command } from 'commander';
import { contextOf, findApp, type Ctx } from '../context.js';
import { CliError, EXIT_USAGE } from '../errors.js';
import { FINAL_STATUSES, stepKey, stepLine, type StepView } from '../format.js';

const DEPLOYMENT = 'id status trigger commitSha error createdAt finishedAt steps { name status attempt message startedAt finishedAt }';
/** Besides the subscription, the deployment is read this often: an event lost between subscribing and the first read cannot hang the command. */
const POLL_MS = 5_000;

export interface DeploymentView {
  id: string;
  status: string;
  trigger: string;
  commitSha: string | null;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
  steps: StepView[];
}

interface LogLineView {
  seq: number;
  line: string;
  stream: string;
}

export function register(program: Command): void {
  program
    .command('deploy')
    .description("deploy the head of the app's branch, or a commit; with --follow, show the steps and the build log live and end with the URL or the error")
    .argument('<app>', 'name or id')
    .option('--commit <sha>', 'deploy this commit instead of the branch head')
    .option('-f, --follow', 'follow the deployment until it is LIVE (exit 0) or fails (exit 1)')
    .action(async (arg: string, o: { commit?: string; follow?: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd);
      if (o.commit !== undefined && !/^[0-9a-f]{4,64}$/i.test(o.commit))
        throw new CliError(`--commit must be a hexadecimal commit sha, not ${JSON.stringify(o.commit)}`, EXIT_USAGE);
      const app = await findApp(ctx, arg);
      const d = await ctx
        .api()
        .request<{ deploy: DeploymentView }>(`mutation($appId: ID!, $sha: String) { deploy(appId: $appId, commitSha: $sha) { ${DEPLOYMENT} } }`, {
          appId: app.id,
          sha: o.commit ?? null,
        });
      await started(ctx, app, d.deploy, o.follow === true);
    });

  program
    .command('rollback')
    .description('restore an earlier release without rebuilding (default: the one live before the current)')
    .argument('<app>', 'name or id')
    .option('--to <deployment>', 'the deployment id whose release to restore')
    .option('-f, --follow', 'follow the rollback until it is LIVE (exit 0) or fails (exit 1)')
    .action(async (arg: string, o: { to?: string; follow?: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd);
      const app = await findApp(ctx, arg);
      const d = await ctx
        .api()
        .request<{ rollback: DeploymentView }>(`mutation($appId: ID!, $to: ID) { rollback(appId: $appId, toDeploymentId: $to) { ${DEPLOYMENT} } }`, {
          appId: app.id,
          to: o.to ?? null,
        });
      await started(ctx, app, d.rollback, o.follow === true);
    });
}

async function started(ctx: Ctx, app: { id: string; name: string; url: string }, d: DeploymentView, follow: boolean): Promise<void> {
  if (!follow) {
    ctx.out.result(d);
    ctx.out.line(`Deployment ${d.id} of ${app.name} is ${d.status.toLowerCase()}.`);
    ctx.out.line(`Follow it with \`paas deploy ${app.name} --follow\` next time, or \`paas status ${app.name}\`.`);
    return;
  }
  ctx.out.line(`Deployment ${d.id} of ${app.name} (${d.trigger.toLowerCase()}${d.commitSha ? ` of ${d.commitSha.slice(0, 12)}` : ''})`);
  const end = await followDeployment(ctx, app.id, d);
  ctx.out.result({ deployment: end, url: app.url });
  if (end.status === 'LIVE') {
    ctx.out.line(ctx.out.style('green', `✔ LIVE at ${app.url}`));
    return;
  }
  throw new CliError(`deployment ${end.id} ended ${end.status}${end.error ? `: ${end.error}` : ''}`);
}

/** Prints each step as it changes and each build log line, and resolves with the deployment once it is final. */
export async function followDeployment(ctx: Ctx, appId: string, first: DeploymentView): Promise<DeploymentView> {
  const api = ctx.api();
  const printed = new Set<string>();
  let lastSeq = 0;
  let status = '';

  const showLog = (l: LogLineView) => {
    if (l.seq <= lastSeq) return; // replayed or already read by the final query
    lastSeq = l.seq;
    ctx.out.line(ctx.out.style('dim', `  │ ${l.line}`));
  };
  const showState = (d: DeploymentView) => {
    if (d.status !== status) {
      status = d.status;
      ctx.out.progress(`${d.status.toLowerCase()}…`);
    }
    for (const s of d.steps) {
      if (s.status === 'PENDING' || printed.has(stepKey(s))) continue;
      printed.add(stepKey(s));
      const line = stepLine(s);
      ctx.out.line(s.status === 'FAILED' ? ctx.out.style('red', line) : s.status === 'SUCCEEDED' ? ctx.out.style('green', line) : line);
    }
  };

  return new Promise<DeploymentView>((resolve, reject) => {
    let finished = false;
    const stops: (() => void)[] = [];
    let poll: NodeJS.Timeout | undefined;
    const close = () => {
      finished = true;
      clearInterval(poll);
      for (const s of stops) s();
      ctx.out.stopProgress();
    };
    const fail = (err: Error) => {
      if (finished) return;
      close();
      reject(err);
    };
    const consider = (d: DeploymentView) => {
      if (finished || d.id !== first.id) return;
      showState(d);
      if (!FINAL_STATUSES.has(d.status)) return;
      finished = true;
      // the rest of the log, which may still be on its way over the socket
      api
        .request<{ deploymentLogs: LogLineView[] }>(
          'query($id: ID!, $after: Int) { deploymentLogs(deploymentId: $id, afterSeq: $after) { seq line stream } }',
          {
            id: d.id,
            after: lastSeq,
          },
        )
        .then((r) => r.deploymentLogs.forEach(showLog))
        .catch(() => undefined)
        .finally(() => {
          close();
          resolve(d);
        });
    };
    const read = () =>
      api
        .request<{ deployment: DeploymentView | null }>(`query($id: ID!) { deployment(id: $id) { ${DEPLOYMENT} } }`, { id: first.id })
        .then((r) => r.deployment && consider(r.deployment))
        .catch(fail);

    const onSigint = () => {
      close();
      ctx.out.line(`Stopped following; the deployment goes on (\`paas status\`).`);
      process.exit(130);
    };
    process.once('SIGINT', onSigint);
    stops.push(() => process.off('SIGINT', onSigint));

    void (async () => {
      try {
        stops.push(
          await api.subscribe<{ deploymentUpdated: DeploymentView }>(
            `subscription($appId: ID!) { deploymentUpdated(appId: $appId) { ${DEPLOYMENT} } }`,
            { appId },
            (m) => consider(m.deploymentUpdated),
            fail,
          ),
        );
        stops.push(
          await api.subscribe<{ deploymentLogs: LogLineView }>(
            'subscription($id: ID!) { deploymentLogs(deploymentId: $id, afterSeq: 0) { seq line stream } }',
            { id: first.id },
            (m) => showLog(m.deploymentLogs),
            fail,
          ),
        );
        if (finished) return close();
        consider(first);
        await read();
        if (!finished) poll = setInterval(() => void read(), POLL_MS);
      } catch (err) {
        fail(err as Error);
      }
    })();
  });
}
