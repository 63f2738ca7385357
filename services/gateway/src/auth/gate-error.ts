// Why an operation was refused before it was parsed. `extensions` is read by mercurius itself on
// the WebSocket path, and common/graphql-errors.ts maps it (with an HTTP status) on HTTP.
export type GateErrorCode = 'UNAUTHENTICATED' | 'RATE_LIMITED';

export class GateError extends Error {
  readonly extensions: { code: GateErrorCode };

  constructor(
    readonly code: GateErrorCode,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'GateError';
    this.extensions = { code };
  }
}

export const unauthenticated = () => new GateError('UNAUTHENTICATED', 'Unauthorized: send Authorization: Bearer <token>.');

export const tooManyFailures = (retryAfterSeconds: number) =>
  new GateError('RATE_LIMITED', `Too many failed authentication attempts from this address; try again in ${retryAfterSeconds} s.`, retryAfterSeconds);
