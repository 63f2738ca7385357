import { describe, expect, it } from 'vitest';
import { appendRuntime, eventTone, instanceLabel, matchesSearch, streamClass, type RuntimeLine } from './runtime-log-buffer';

const line = (text: string, stream = 'stdout'): RuntimeLine => ({ timestamp: '2026-11-24T10:00:00Z', stream, line: text, instance: 'paas-web-1234abcd' });

describe('runtime log buffer', () => {
  it('matches search text literally and case-insensitively, never as a pattern', () => {
    expect(matchesSearch(line('GET /a.*b 200'), 'a.*B')).toBe(true);
    expect(matchesSearch(line('GET /axxb 200'), 'a.*b')).toBe(false);
    expect(matchesSearch(line('anything'), '')).toBe(true);
  });

  it('appends only matching live lines and keeps the newest max', () => {
    const start = [line('one'), line('two')];
    expect(appendRuntime(start, [line('three'), line('skip me')], 'three')).toEqual([...start, line('three')]);
    expect(appendRuntime(start, [line('x')], 'nope')).toBe(start);
    expect(appendRuntime(start, [line('three')], '', 2).map((l) => l.line)).toEqual(['two', 'three']);
  });

  it('labels instances, streams and event kinds', () => {
    expect(instanceLabel('paas-web-1234abcd')).toBe('paas-web-1234abcd');
    expect(instanceLabel('paas-a-very-long-application-name-1234abcd')).toBe('…cation-name-1234abcd');
    expect(streamClass('stderr')).toBe('stderr');
    expect(streamClass('weird')).toBe('system');
    expect(eventTone('crashed')).toBe('bad');
    expect(eventTone('started')).toBe('good');
    expect(eventTone('stopped')).toBe('neutral');
  });
});
