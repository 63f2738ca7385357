// What a command can fail with, and the exit code each maps to (README, "Command line").

/** 1: what was asked failed (an API error, a deployment that did not go live). */
export const EXIT_FAILED = 1;
/** 2: the command line itself was wrong (unknown command, missing argument, bad option). */
export const EXIT_USAGE = 2;

/** An error the user can act on: printed as it is, without a stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT_FAILED,
  ) {
    super(message);
  }
}

/** An error the API answered with: its code (extensions.code) and its message. */
export class ApiError extends CliError {
  constructor(
    readonly code: string,
    readonly apiMessage: string,
  ) {
    super(`${code}: ${apiMessage}`);
  }
}
