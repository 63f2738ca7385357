// The `paas` executable: runs the command, prints failures as one line (no stack trace) and exits
// with the code README "Command line" documents.
import { CommanderError } from 'commander';
import { ApiError, CliError, EXIT_FAILED, EXIT_USAGE } from './errors.js';
import { Output } from './output.js';
import { buildProgram } from './program.js';

async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // commander printed the message (or the help) already
      return err.code === 'commander.helpDisplayed' || err.code === 'commander.help' || err.code === 'commander.version' ? 0 : EXIT_USAGE;
    }
    const out = new Output(argv.includes('--json'));
    if (err instanceof ApiError) {
      out.error(out.json ? err.apiMessage : err.message, err.code);
      return err.exitCode;
    }
    if (err instanceof CliError) {
      out.error(err.message);
      return err.exitCode;
    }
    out.error(`unexpected: ${(err as Error)?.message ?? String(err)}${process.env.PAAS_DEBUG ? `\n${(err as Error)?.stack}` : ''}`);
    return EXIT_FAILED;
  }
}

process.exitCode = await main(process.argv);
// open sockets (a subscription being torn down) must not keep a finished command alive
setTimeout(() => process.exit(), 200).unref();
