import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineSplitter } from './line-splitter.js';
import { MASK, SecretMasker } from './secret-masker.js';

describe('SecretMasker', () => {
  it('masks every occurrence, longest secret first, and each line of a multi-line secret', () => {
    const m = new SecretMasker(['hunter22', 'hunter2245', '-----BEGIN KEY-----\nAbCdEfGh\n-----END KEY-----', null, 'ab']);
    expect(m.mask('pw hunter2245 and hunter22 twice hunter22')).toBe(`pw ${MASK} and ${MASK} twice ${MASK}`);
    expect(m.mask('AbCdEfGh')).toBe(MASK);
    expect(m.mask('ab is too short to be masked')).toBe('ab is too short to be masked');
  });
});

describe('LineSplitter', () => {
  it('joins a secret split across chunks before masking it', () => {
    const s = new LineSplitter(1000, new SecretMasker(['s3cr3t-value']));
    expect(s.push('key is s3c')).toEqual([]);
    expect(s.push('r3t-val')).toEqual([]);
    expect(s.push('ue!\nnext')).toEqual([{ line: `key is ${MASK}!`, dropped: 0 }]);
    expect(s.end()).toEqual([{ line: 'next', dropped: 0 }]);
  });

  it('cuts a long line with a marker and holds no more than the cap while the line goes on', () => {
    const s = new LineSplitter(10);
    for (let i = 0; i < 1000; i++) expect(s.push('a'.repeat(1000))).toEqual([]);
    expect((s as unknown as { partial: string }).partial.length).toBeLessThanOrEqual(10);
    const [line] = s.push('\n');
    expect(line).toEqual({ line: `${'a'.repeat(10)} [line cut: 999990 more characters]`, dropped: 999_990 });
  });

  it('never shows part of a secret that straddles the cut', () => {
    const secret = 'TOPSECRETVALUE';
    const s = new LineSplitter(20, new SecretMasker([secret]));
    const out = [...s.push(`${'x'.repeat(15)}${secret}${'y'.repeat(50)}`), ...s.end()];
    expect(out[0].line).not.toMatch(/TOPS|SECRET/);
    expect(out[0].line.startsWith(`${'x'.repeat(15)}***`)).toBe(true);
  });

  it('property: however the text is chunked, no secret is in the output and every line is bounded', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 4, maxLength: 24, unit: fc.constantFrom('a', 'b', 'c', 'd', 'Z') }).filter((s) => s.trim() === s),
        fc.array(fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'Z', '\n', 'x'), maxLength: 40 }), { maxLength: 30 }),
        fc.integer({ min: 5, max: 60 }),
        (secret, chunks, cap) => {
          const text = chunks.join(secret);
          const s = new LineSplitter(cap, new SecretMasker([secret]));
          const lines: string[] = [];
          // the same text, cut into pieces of every size from 1 up
          let i = 0;
          let size = 1;
          while (i < text.length) {
            lines.push(...s.push(text.slice(i, i + size)).map((l) => l.line));
            i += size;
            size = (size % 7) + 1;
          }
          lines.push(...s.end().map((l) => l.line));
          for (const l of lines) {
            const body = l.replace(/ \[line cut: \d+ more characters\]$/, '');
            expect(body.length).toBeLessThanOrEqual(cap);
            expect(body.includes(secret)).toBe(false);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
