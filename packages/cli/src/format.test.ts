import { describe, expect, it } from 'vitest';
import { appRef, envLines, parseAssignments, parseSince, SECRET_MASK, seconds, shortTime, stepLine, table } from './format.js';

describe('CLI formatting', () => {
  it('pads table columns to the widest cell, the last one unpadded', () => {
    expect(
      table(
        ['NAME', 'URL'],
        [
          ['web', 'http://web.localhost/'],
          ['a-long-name', 'http://x/'],
        ],
      ),
    ).toBe(['NAME         URL', 'web          http://web.localhost/', 'a-long-name  http://x/'].join('\n'));
  });

  it('masks secret values and shows the others', () => {
    expect(
      envLines([
        { key: 'A', value: 'one', secret: false },
        { key: 'TOKEN', value: null, secret: true },
        { key: 'E', value: '', secret: false },
      ]),
    ).toEqual(['A=one', `TOKEN=${SECRET_MASK}`, 'E=']);
  });

  it('parses KEY=VALUE with = in the value, and refuses the rest', () => {
    expect(parseAssignments(['A=1', 'URL=postgres://u:p@h/db?x=y', 'EMPTY='])).toEqual([
      { key: 'A', value: '1' },
      { key: 'URL', value: 'postgres://u:p@h/db?x=y' },
      { key: 'EMPTY', value: '' },
    ]);
    expect(() => parseAssignments(['NOVALUE'])).toThrow(/not KEY=VALUE/);
    expect(() => parseAssignments(['=x'])).toThrow(/not KEY=VALUE/);
    expect(() => parseAssignments(['A=1', 'A=2'])).toThrow(/given twice/);
  });

  it('describes a step with its duration, attempt and message', () => {
    expect(
      stepLine({
        name: 'BUILD',
        status: 'SUCCEEDED',
        attempt: 1,
        message: null,
        startedAt: '2026-01-01T00:00:00.000Z',
        finishedAt: '2026-01-01T00:00:12.340Z',
      }),
    ).toBe('✔ BUILD succeeded in 12.3 s');
    expect(stepLine({ name: 'VERIFY', status: 'FAILED', attempt: 2, message: 'Health check failed', startedAt: null, finishedAt: null })).toBe(
      '✖ VERIFY failed (attempt 2): Health check failed',
    );
    expect(seconds(125_000)).toBe('2 min 5 s');
    expect(shortTime('2026-01-02T03:04:05.678Z')).toBe('2026-01-02 03:04:05');
  });

  it('tells ids from names', () => {
    expect(appRef('6f1c0e9a-3b1d-4c5e-9f00-0123456789ab')).toEqual({ id: '6f1c0e9a-3b1d-4c5e-9f00-0123456789ab' });
    expect(appRef('web')).toEqual({ name: 'web' });
  });

  it('reads --since as a duration ago or an ISO date, and refuses anything else', () => {
    const now = Date.parse('2026-01-01T12:00:00Z');
    expect(parseSince('10m', now)).toBe('2026-01-01T11:50:00.000Z');
    expect(parseSince('1d', now)).toBe('2025-12-31T12:00:00.000Z');
    expect(parseSince('2026-01-01T10:00:00Z', now)).toBe('2026-01-01T10:00:00.000Z');
    for (const bad of ['yesterday', '10', '-5m', '1y', '2026-13-45', "'); DROP TABLE", '9'.repeat(100) + 's'])
      expect(() => parseSince(bad, now)).toThrow(/--since/);
  });
});
