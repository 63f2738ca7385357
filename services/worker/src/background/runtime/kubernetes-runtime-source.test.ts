import { describe, expect, it } from 'vitest';
import { TextLines } from './kubernetes-runtime-source.js';

describe('TextLines', () => {
  it('parses timestamped pod log lines split across chunks', () => {
    const t = new TextLines();
    expect(t.push(Buffer.from('2026-11-24T10:00:00.5Z hel'))).toEqual([]);
    expect(t.push(Buffer.from('lo\n2026-11-24T10:00:01.000000001Z bye\nnot a line\n'))).toEqual([
      { stream: 'stdout', tsNs: '1795514400500000000', line: 'hello' },
      { stream: 'stdout', tsNs: '1795514401000000001', line: 'bye' },
    ]);
  });
});
