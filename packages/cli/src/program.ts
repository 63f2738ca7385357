// The command tree. Built by a function so that the unit tests parse argv without running anything.
import { Command } from 'commander';
import { register as apps } from './commands/apps.js';
import { register as auth } from './commands/auth.js';
import { register as completion } from './commands/completion.js';
import { register as deploy } from './commands/deploy.js';
import { register as env } from './commands/env.js';
import { register as logs } from './commands/logs.js';

export function buildProgram(): Command {
  const program = new Command('paas')
    .description('Drive the platform from a terminal. PAAS_URL (default http://127.0.0.1:4000) and PAAS_TOKEN, or `paas login`, say where and as whom.')
    .option('--json', 'machine output: JSON on stdout, no colours, no spinners')
    .showHelpAfterError('(add --help for usage)')
    .addHelpText(
      'after',
      '\nExit codes: 0 done; 1 it failed (an API error, a deployment that did not go live); 2 the command line was wrong.\nApps are named by name or id.',
    );
  auth(program);
  apps(program);
  deploy(program);
  env(program);
  logs(program);
  completion(program);
  // --json works after the subcommand too (`paas apps --json`): every command accepts the global options
  const allow = (cmd: Command): void => {
    for (const c of cmd.commands) {
      if (!c.options.some((o) => o.long === '--json')) c.option('--json', 'machine output: JSON on stdout, no colours, no spinners');
      allow(c);
    }
  };
  allow(program);
  const strict = (cmd: Command): void => {
    cmd.exitOverride();
    cmd.commands.forEach(strict);
  };
  strict(program);
  return program;
}
