import { describe, expect, it } from 'vitest';
import { dockerSince, LineNumbering, LogFrameParser, parseTimed } from './log-frames.js';

function frame(type: number, text: string): Buffer {
  const payload = Buffer.from(text, 'utf8');
  const header = Buffer.alloc(8);
  header[0] = type;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}

describe('LogFrameParser', () => {
  it('demultiplexes stdout and stderr with their nanosecond timestamps, across chunk boundaries', () => {
    const bytes = Buffer.concat([frame(1, '2026-11-24T10:00:00.123456789Z hello\n'), frame(2, '2026-11-24T10:00:01Z oops\n')]);
    const p = new LogFrameParser();
    const out = [...p.push(bytes.subarray(0, 5)), ...p.push(bytes.subarray(5, 30)), ...p.push(bytes.subarray(30))];
    expect(out).toEqual([
      { stream: 'stdout', tsNs: '1795514400123456789', line: 'hello' },
      { stream: 'stderr', tsNs: '1795514401000000000', line: 'oops' },
    ]);
  });

  it('drops what is not a timestamped line (stdin frames, garbage) and cuts huge lines', () => {
    const p = new LogFrameParser();
    expect(p.push(frame(0, '2026-11-24T10:00:00Z x\n'))).toEqual([]);
    expect(p.push(frame(1, 'no timestamp here\n'))).toEqual([]);
    const long = parseTimed(`2026-11-24T10:00:00Z ${'a'.repeat(20_000)}`, 'stdout')!;
    expect(long.line.length).toBeLessThan(17_000);
    expect(long.line).toMatch(/line cut at 16384 characters\]$/);
  });
});

describe('LineNumbering', () => {
  it('numbers lines of equal timestamp and skips those stored before a resume', () => {
    const first = new LineNumbering(null);
    expect(['5', '5', '5', '6'].map((t) => first.number(t))).toEqual([0, 1, 2, 0]);
    // two of the three lines at 5 were stored: reading again from 5 gives the third the same number
    const resumed = new LineNumbering({ tsNs: '5', linesAtTs: 2 });
    expect(['5', '5', '5', '6', '4'].map((t) => resumed.number(t))).toEqual([null, null, 2, 0, null]);
  });

  it('formats Docker since as seconds.nanoseconds', () => {
    expect(dockerSince('1795514400123456789')).toBe('1795514400.123456789');
    expect(dockerSince('1795514400000000005')).toBe('1795514400.000000005');
  });
});
