import { describe, expect, it } from 'vitest';
import { appendLines, visibleWindow, type LogLine } from './log-buffer';

const line = (seq: number): LogLine => ({ seq, timestamp: '2026-11-22T10:00:00Z', stream: 'stdout', line: `line ${seq}` });

describe('log buffer', () => {
  it('keeps each line once, in seq order, across a replay after a reconnect', () => {
    let ls = appendLines([], [line(1), line(2)]);
    ls = appendLines(ls, [line(2), line(3)]);
    ls = appendLines(ls, [line(1), line(2), line(3), line(4)]);
    expect(ls.map((l) => l.seq)).toEqual([1, 2, 3, 4]);
  });

  it('renders only the lines in view: 100,000 lines cost the same as 100', () => {
    const w = visibleWindow(100_000, 20 * 50_000, 360, 20);
    expect(w.end - w.start).toBeLessThanOrEqual(18 + 40 + 1);
    expect(w.start).toBe(50_000 - 20);
    expect(visibleWindow(10, 0, 360, 20)).toEqual({ start: 0, end: 10 });
  });
});
