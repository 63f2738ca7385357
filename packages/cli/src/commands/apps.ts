// apps, create, status, open.
import { Option, type Command } from 'commander';
import { spawn } from 'node:child_process';
import { contextOf, findApp, type Ctx } from '../context.js';
import { CliError, EXIT_USAGE } from '../errors.js';
import { parseAssignments, shortTime, table } from '../format.js';

const APP_FIELDS = `id name kind url releaseState team { name }
  liveDeployment { id commitSha finishedAt }
  deployments(limit: 1) { id status trigger createdAt error }`;

interface AppRow {
  id: string;
  name: string;
  kind: string;
  url: string;
  releaseState: string | null;
  team: { name: string };
  liveDeployment: { id: string; commitSha: string | null; finishedAt: string | null } | null;
  deployments: { id: string; status: string; trigger: string; createdAt: string; error: string | null }[];
}

function statusOf(a: AppRow): string {
  const latest = a.deployments[0];
  if (!latest) return 'never deployed';
  const live = a.liveDeployment ? `live${a.releaseState && a.releaseState !== 'RUNNING' ? ` (${a.releaseState})` : ''}` : 'not live';
  return latest.status === 'LIVE' ? live : `${latest.status.toLowerCase()}, ${live}`;
}

async function listApps(ctx: Ctx): Promise<void> {
  const d = await ctx.api().request<{ apps: AppRow[] }>(`query { apps { ${APP_FIELDS} } }`);
  ctx.out.result(d.apps);
  if (d.apps.length === 0) return ctx.out.line('No apps yet: `paas create <name> --git <url>` makes one.');
  ctx.out.line(
    table(
      ['NAME', 'KIND', 'TEAM', 'STATUS', 'URL'],
      d.apps.map((a) => [a.name, a.kind, a.team.name, statusOf(a), a.url]),
    ),
  );
}

function intOption(name: string) {
  return (v: string) => {
    if (!/^\d+$/.test(v)) throw new CliError(`${name} must be a whole number, not ${JSON.stringify(v)}`, EXIT_USAGE);
    return Number(v);
  };
}

function collect(v: string, prev: string[] = []): string[] {
  return [...prev, v];
}

interface CreateOptions {
  git?: string;
  branch?: string;
  kind: string;
  port?: number;
  health?: string;
  dockerfile?: string;
  rootDirectory?: string;
  buildImage?: string;
  buildCommand?: string;
  outputDirectory?: string;
  team?: string;
  env?: string[];
  secret?: string[];
}

export function register(program: Command): void {
  program
    .command('apps')
    .description('list the apps you can see, with their status and URL')
    .action(async (_o: unknown, cmd: Command) => listApps(contextOf(cmd)));

  program
    .command('create')
    .description('create an app from a git repository (a Dockerfile that serves on $PORT, or a static site)')
    .argument('<name>', 'a DNS label: lowercase letters, digits and -')
    .option('--git <url>', 'the repository: https://, http://, git://, ssh:// or file://')
    .option('--branch <branch>', 'the branch to deploy (default main)')
    .addOption(new Option('--kind <kind>', 'SERVICE (a container) or STATIC (a site)').choices(['SERVICE', 'STATIC', 'service', 'static']).default('SERVICE'))
    .option('--port <port>', 'the port the container listens on (also in $PORT)', intOption('--port'))
    .option('--health <path>', 'the health check path (default /)')
    .option('--dockerfile <path>', 'the Dockerfile, relative to --root-directory')
    .option('--root-directory <dir>', 'the directory of the repository to build in')
    .option('--build-image <image>', 'STATIC: the image the build command runs in')
    .option('--build-command <cmd>', 'STATIC: the build command')
    .option('--output-directory <dir>', 'STATIC: where the built site is')
    .option('--team <id>', 'the team (default: your personal team)')
    .option('--env <KEY=VALUE>', 'an env var (repeatable)', collect)
    .option('--secret <KEY=VALUE>', 'a secret env var, write-only (repeatable)', collect)
    .action(async (name: string, o: CreateOptions, cmd: Command) => {
      const ctx = contextOf(cmd);
      let env: { key: string; value: string; secret: boolean }[];
      try {
        env = [
          ...parseAssignments(o.env ?? []).map((v) => ({ ...v, secret: false })),
          ...parseAssignments(o.secret ?? []).map((v) => ({ ...v, secret: true })),
        ];
      } catch (err) {
        throw new CliError(`--env/--secret: ${(err as Error).message}`, EXIT_USAGE);
      }
      const input: Record<string, unknown> = {
        name,
        kind: o.kind.toUpperCase(),
        gitUrl: o.git,
        branch: o.branch,
        port: o.port,
        healthCheckPath: o.health,
        dockerfilePath: o.dockerfile,
        rootDirectory: o.rootDirectory,
        buildImage: o.buildImage,
        buildCommand: o.buildCommand,
        outputDirectory: o.outputDirectory,
        teamId: o.team,
        env: env.length ? env : undefined,
      };
      for (const k of Object.keys(input)) if (input[k] === undefined) delete input[k];
      const d = await ctx
        .api()
        .request<{ createApp: { id: string; name: string; url: string; kind: string } }>(
          'mutation($input: CreateAppInput!) { createApp(input: $input) { id name kind url } }',
          { input },
        );
      ctx.out.result(d.createApp);
      ctx.out.line(`Created ${d.createApp.name} (${d.createApp.id}); it will serve ${d.createApp.url}`);
      ctx.out.line(`Deploy it with: paas deploy ${d.createApp.name} --follow`);
    });

  program
    .command('status')
    .description("an app's state: the live release, the latest deployment and its steps (without <app>: every app)")
    .argument('[app]', 'name or id')
    .action(async (arg: string | undefined, _o: unknown, cmd: Command) => {
      const ctx = contextOf(cmd);
      if (!arg) return listApps(ctx);
      const app = await findApp<AppRow & { deployments: (AppRow['deployments'][number] & { steps: { name: string; status: string }[] })[] }>(
        ctx,
        arg,
        APP_FIELDS.replace('error }', 'error steps { name status } }'),
      );
      ctx.out.result(app);
      const latest = app.deployments[0];
      ctx.out.line(`${app.name} (${app.kind.toLowerCase()}, team ${app.team.name})`);
      ctx.out.line(`  URL        ${app.url}`);
      ctx.out.line(`  Status     ${statusOf(app)}`);
      if (app.liveDeployment)
        ctx.out.line(
          `  Live       ${app.liveDeployment.id}${app.liveDeployment.commitSha ? ` at ${app.liveDeployment.commitSha.slice(0, 12)}` : ''} since ${shortTime(app.liveDeployment.finishedAt)}`,
        );
      if (latest) {
        ctx.out.line(`  Latest     ${latest.id} ${latest.status} (${latest.trigger.toLowerCase()}, ${shortTime(latest.createdAt)})`);
        ctx.out.line(`  Steps      ${latest.steps.map((s) => `${s.name} ${s.status.toLowerCase()}`).join(', ')}`);
        if (latest.error) ctx.out.line(`  Error      ${latest.error}`);
      }
    });

  program
    .command('open')
    .description("print an app's URL (and open it in a browser with --browser)")
    .argument('<app>', 'name or id')
    .option('--browser', 'open the URL in the default browser')
    .action(async (arg: string, o: { browser?: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd);
      const app = await findApp(ctx, arg);
      ctx.out.result({ url: app.url });
      if (!ctx.out.json) process.stdout.write(app.url + '\n');
      if (o.browser) openBrowser(app.url);
    });
}

function openBrowser(url: string): void {
  const opener = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  const child = spawn(opener, [url], { stdio: 'ignore', detached: true });
  child.on('error', () => process.stderr.write(`could not start ${opener}; open ${url} yourself\n`));
  child.unref();
}
