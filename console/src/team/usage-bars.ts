// How full a plan limit is, as a bar: the share (capped at 100%) and whether it is nearly or over.
export interface Meter {
  label: string;
  used: number;
  limit: number;
  unit?: string;
}

export function meterLevel(used: number, limit: number): { percent: number; level: 'ok' | 'warn' | 'full' } {
  if (!(limit > 0)) return { percent: used > 0 ? 100 : 0, level: used > 0 ? 'full' : 'ok' };
  const share = Math.max(0, used) / limit;
  return { percent: Math.min(100, Math.round(share * 100)), level: share >= 1 ? 'full' : share >= 0.8 ? 'warn' : 'ok' };
}

export const formatAmount = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(1));
