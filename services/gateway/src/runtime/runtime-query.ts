// Bounds of App.runtimeLogs and App.events: every argument checked before any query runs, with
// an error that says what is allowed. search is plain text (never a pattern).
import { DomainError } from '../common/domain-error.js';

export const MAX_RUNTIME_LOG_LIMIT = 5000;
export const MAX_SEARCH_CHARS = 200;
export const MAX_EVENT_LIMIT = 500;
/** since may go back this far (the longest retention one would configure). */
export const MAX_SINCE_DAYS = 366;

export interface RuntimeLogArgs {
  since?: Date;
  search?: string;
  limit: number;
}

export function runtimeLogArgs(raw: { since?: Date | null; search?: string | null; limit?: number | null }, now = new Date()): RuntimeLogArgs {
  const limit = raw.limit ?? 500;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_RUNTIME_LOG_LIMIT)
    throw new DomainError('BAD_USER_INPUT', `limit must be a whole number from 1 to ${MAX_RUNTIME_LOG_LIMIT}.`);
  const search = raw.search ?? undefined;
  if (search !== undefined && search.length > MAX_SEARCH_CHARS)
    throw new DomainError('BAD_USER_INPUT', `search is plain text of at most ${MAX_SEARCH_CHARS} characters (got ${search.length}).`);
  if (search !== undefined && search.includes('\u0000')) throw new DomainError('BAD_USER_INPUT', 'search must not contain a NUL character.');
  const since = raw.since ?? undefined;
  if (since !== undefined) {
    const t = since.getTime();
    if (!Number.isFinite(t)) throw new DomainError('BAD_USER_INPUT', 'since is not a valid time.');
    if (t < now.getTime() - MAX_SINCE_DAYS * 86_400_000) throw new DomainError('BAD_USER_INPUT', `since may be at most ${MAX_SINCE_DAYS} days ago.`);
    if (t > now.getTime() + 60_000) throw new DomainError('BAD_USER_INPUT', 'since must not be in the future.');
  }
  return { since, search: search === '' ? undefined : search, limit };
}

export function eventLimit(limit: number | null | undefined): number {
  const n = limit ?? 50;
  if (!Number.isInteger(n) || n < 1 || n > MAX_EVENT_LIMIT)
    throw new DomainError('BAD_USER_INPUT', `limit must be a whole number from 1 to ${MAX_EVENT_LIMIT}.`);
  return n;
}
