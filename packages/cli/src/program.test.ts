import { CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { bashScript } from './commands/completion.js';
import { buildProgram } from './program.js';

/** Parses argv without running a command's action: every action is replaced by a recorder. */
function parse(argv: string[]): { command: string; args: unknown[]; opts: Record<string, unknown> } | CommanderError {
  const program = buildProgram();
  let seen: { command: string; args: unknown[]; opts: Record<string, unknown> } | undefined;
  const silence = (c: typeof program): void => {
    c.configureOutput({ writeErr: () => undefined, writeOut: () => undefined });
    c.action((...a: unknown[]) => {
      const cmd = a[a.length - 1] as typeof program;
      seen = { command: cmd.name(), args: cmd.processedArgs, opts: cmd.optsWithGlobals() };
    });
    c.commands.forEach(silence);
  };
  program.commands.forEach(silence);
  program.configureOutput({ writeErr: () => undefined, writeOut: () => undefined });
  try {
    program.parse(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) return err;
    throw err;
  }
  return seen!;
}

describe('CLI argument parsing', () => {
  it('reads deploy with its options, --json before or after the command', () => {
    expect(parse(['deploy', 'web', '--commit', 'abc123', '--follow'])).toMatchObject({
      command: 'deploy',
      args: ['web'],
      opts: { commit: 'abc123', follow: true },
    });
    expect(parse(['--json', 'apps'])).toMatchObject({ command: 'apps', opts: { json: true } });
    expect(parse(['apps', '--json'])).toMatchObject({ command: 'apps', opts: { json: true } });
  });

  it('reads env subcommands with several assignments or keys', () => {
    expect(parse(['env', 'set', 'web', 'A=1', 'B=2', '--secret'])).toMatchObject({ command: 'set', args: ['web', ['A=1', 'B=2']], opts: { secret: true } });
    expect(parse(['env', 'unset', 'web', 'A'])).toMatchObject({ command: 'unset', args: ['web', ['A']] });
  });

  it('repeats --env on create and checks --port', () => {
    expect(parse(['create', 'web', '--git', 'file:///r', '--env', 'A=1', '--env', 'B=2', '--port', '3000'])).toMatchObject({
      opts: { git: 'file:///r', env: ['A=1', 'B=2'], port: 3000, kind: 'SERVICE' },
    });
  });

  it('refuses unknown commands, unknown options, missing arguments and bad values as usage errors', () => {
    for (const argv of [
      ['bogus'],
      ['deploy'],
      ['deploy', 'web', '--nope'],
      ['env', 'set', 'web'],
      ['completion', 'fish'],
      ['logs', 'web', '--limit', '0'],
      ['logs', 'web', '--since', 'soon'],
      ['create', 'x', '--kind', 'vm'],
    ]) {
      const r = parse(argv);
      expect(r, argv.join(' ')).toBeInstanceOf(CommanderError);
      expect((r as CommanderError).exitCode, argv.join(' ')).not.toBe(0);
    }
  });

  it('generates a bash completion that knows every command and their options', () => {
    const script = bashScript(buildProgram());
    for (const word of [
      'login',
      'logout',
      'apps',
      'create',
      'deploy',
      'rollback',
      'logs',
      'env',
      'status',
      'open',
      'completion',
      '--follow',
      '--commit',
      '--browser',
    ])
      expect(script).toContain(word);
    expect(script).toContain('"env") words="list set unset');
    expect(script).toContain('complete -F _paas paas');
  });
});
