import { describe, expect, it } from 'vitest';
import { eventLimit, runtimeLogArgs } from './runtime-query.js';

const NOW = new Date('2026-11-24T12:00:00Z');

describe('runtimeLogArgs', () => {
  it('defaults and passes sensible arguments', () => {
    expect(runtimeLogArgs({}, NOW)).toEqual({ since: undefined, search: undefined, limit: 500 });
    const since = new Date('2026-11-24T11:00:00Z');
    expect(runtimeLogArgs({ since, search: 'a.*(b', limit: 5000 }, NOW)).toEqual({ since, search: 'a.*(b', limit: 5000 });
    expect(runtimeLogArgs({ search: '' }, NOW).search).toBeUndefined();
  });

  it.each([
    [{ limit: 0 }, /limit must be a whole number from 1 to 5000/],
    [{ limit: 1_000_000 }, /limit must be a whole number from 1 to 5000/],
    [{ limit: 1.5 }, /limit must be/],
    [{ search: 'x'.repeat(10_240) }, /search is plain text of at most 200 characters \(got 10240\)/],
    [{ search: 'a\u0000b' }, /NUL/],
    [{ since: new Date('1900-01-01T00:00:00Z') }, /since may be at most 366 days ago/],
    [{ since: new Date('9999-01-01T00:00:00Z') }, /since must not be in the future/],
    [{ since: new Date(NaN) }, /not a valid time/],
  ])('refuses %o', (args, message) => {
    expect(() => runtimeLogArgs(args, NOW)).toThrow(message);
  });
});

describe('eventLimit', () => {
  it('bounds the limit', () => {
    expect(eventLimit(undefined)).toBe(50);
    expect(eventLimit(500)).toBe(500);
    expect(() => eventLimit(501)).toThrow(/from 1 to 500/);
    expect(() => eventLimit(0)).toThrow(/from 1 to 500/);
  });
});
