// env list|set|unset: an app's env vars. Secret values are write-only: the API never returns them.
import type { Command } from 'commander';
import { contextOf, findApp } from '../context.js';
import { CliError, EXIT_USAGE } from '../errors.js';
import { envLines, parseAssignments, SECRET_MASK, type EnvVarView } from '../format.js';

export function register(program: Command): void {
  const env = program.command('env').description("an app's env vars (they take effect on the next deployment)");

  env
    .command('list')
    .description('list the env vars (secret values are masked)')
    .argument('<app>', 'name or id')
    .action(async (arg: string, _o: unknown, cmd: Command) => {
      const ctx = contextOf(cmd);
      const app = await findApp<{ id: string; name: string; url: string; env: EnvVarView[] }>(ctx, arg, 'id name url env { key value secret }');
      ctx.out.result(app.env.map((v) => ({ key: v.key, value: v.secret ? SECRET_MASK : v.value, secret: v.secret })));
      if (app.env.length === 0) ctx.out.line(`${app.name} has no env vars.`);
      for (const l of envLines(app.env)) ctx.out.line(l);
    });

  env
    .command('set')
    .description('set env vars (added or replaced; the others stay)')
    .argument('<app>', 'name or id')
    .argument('<KEY=VALUE...>', 'one or more assignments')
    .option('--secret', 'store the values as secrets: write-only, masked everywhere')
    .action(async (arg: string, assignments: string[], o: { secret?: boolean }, cmd: Command) => {
      const ctx = contextOf(cmd);
      let vars: { key: string; value: string }[];
      try {
        vars = parseAssignments(assignments);
      } catch (err) {
        throw new CliError((err as Error).message, EXIT_USAGE);
      }
      const app = await findApp(ctx, arg);
      await ctx.api().request('mutation($id: ID!, $vars: [EnvVarInput!]!) { setEnvVars(appId: $id, vars: $vars) { id } }', {
        id: app.id,
        vars: vars.map((v) => ({ ...v, secret: o.secret === true })),
      });
      ctx.out.result({ set: vars.map((v) => v.key) });
      ctx.out.line(`Set ${vars.map((v) => v.key).join(', ')} on ${app.name}; they take effect on the next deployment.`);
    });

  env
    .command('unset')
    .description('remove env vars')
    .argument('<app>', 'name or id')
    .argument('<KEY...>', 'one or more keys')
    .action(async (arg: string, keys: string[], _o: unknown, cmd: Command) => {
      const ctx = contextOf(cmd);
      const app = await findApp(ctx, arg);
      await ctx.api().request('mutation($id: ID!, $keys: [String!]!) { unsetEnvVars(appId: $id, keys: $keys) { id } }', { id: app.id, keys });
      ctx.out.result({ unset: keys });
      ctx.out.line(`Removed ${keys.join(', ')} from ${app.name}; this takes effect on the next deployment.`);
    });
}
