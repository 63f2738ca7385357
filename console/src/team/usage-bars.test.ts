import { describe, expect, it } from 'vitest';
import { formatAmount, meterLevel } from './usage-bars';

describe('usage bars', () => {
  it('fills by share, warns from 80%, is full at the limit and never overflows', () => {
    expect(meterLevel(0, 3)).toEqual({ percent: 0, level: 'ok' });
    expect(meterLevel(2, 3)).toEqual({ percent: 67, level: 'ok' });
    expect(meterLevel(4, 5)).toEqual({ percent: 80, level: 'warn' });
    expect(meterLevel(3, 3)).toEqual({ percent: 100, level: 'full' });
    expect(meterLevel(9, 3)).toEqual({ percent: 100, level: 'full' });
  });

  it('copes with odd numbers from the server', () => {
    expect(meterLevel(-1, 3)).toEqual({ percent: 0, level: 'ok' });
    expect(meterLevel(1, 0)).toEqual({ percent: 100, level: 'full' });
    expect(meterLevel(0, 0)).toEqual({ percent: 0, level: 'ok' });
    expect(meterLevel(1, Number.NaN)).toEqual({ percent: 100, level: 'full' });
    expect(formatAmount(2.345)).toBe('2.3');
    expect(formatAmount(7)).toBe('7');
  });
});
