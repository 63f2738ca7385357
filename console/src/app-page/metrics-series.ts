// The Metrics card's pure logic: which range asks for which step (a few hundred points at most,
// never finer than the sampling), the points turned into uPlot's column arrays, and the
// deployments that fall inside the range as markers on the time axis.

export type MetricsRange = '1h' | '6h' | '24h' | '7d';

export const RANGES: { key: MetricsRange; label: string; seconds: number; stepSeconds: number }[] = [
  { key: '1h', label: '1 h', seconds: 3600, stepSeconds: 15 },
  { key: '6h', label: '6 h', seconds: 6 * 3600, stepSeconds: 60 },
  { key: '24h', label: '24 h', seconds: 86_400, stepSeconds: 300 },
  { key: '7d', label: '7 d', seconds: 7 * 86_400, stepSeconds: 3600 },
];

export function rangeQuery(range: MetricsRange, now = Date.now()): { since: string; stepSeconds: number } {
  const r = RANGES.find((x) => x.key === range) ?? RANGES[0]!;
  return { since: new Date(now - r.seconds * 1000).toISOString(), stepSeconds: r.stepSeconds };
}

export interface PointIn {
  at: string;
  cpuPercent: number;
  memoryMb: number;
  netRxBytes: number;
  netTxBytes: number;
}

/** uPlot's data: x in Unix seconds, then one array per series; a step without data is a gap (null). */
export interface Series {
  x: number[];
  cpu: (number | null)[];
  memory: (number | null)[];
  /** Bytes per second over each step. */
  rx: (number | null)[];
  tx: (number | null)[];
}

export function buildSeries(points: PointIn[], stepSeconds: number): Series {
  const sorted = points
    .map((p) => ({ ...p, t: Math.floor(Date.parse(p.at) / 1000) }))
    .filter((p) => Number.isFinite(p.t))
    .sort((a, b) => a.t - b.t);
  const s: Series = { x: [], cpu: [], memory: [], rx: [], tx: [] };
  let prev: number | undefined;
  for (const p of sorted) {
    // a missing step (the app was down) becomes a gap instead of a line drawn across it
    if (prev !== undefined && p.t - prev > stepSeconds * 1.5) {
      s.x.push(prev + stepSeconds);
      s.cpu.push(null);
      s.memory.push(null);
      s.rx.push(null);
      s.tx.push(null);
    }
    if (prev === p.t) continue;
    s.x.push(p.t);
    s.cpu.push(round(p.cpuPercent));
    s.memory.push(round(p.memoryMb));
    s.rx.push(round(p.netRxBytes / stepSeconds));
    s.tx.push(round(p.netTxBytes / stepSeconds));
    prev = p.t;
  }
  return s;
}

export interface DeploymentIn {
  id: string;
  createdAt: string;
  status: string;
}

export interface Marker {
  /** Unix seconds. */
  x: number;
  label: string;
  failed: boolean;
}

/** Deployments started inside the range, oldest first. */
export function deploymentMarkers(deployments: DeploymentIn[], sinceIso: string, now = Date.now()): Marker[] {
  const from = Date.parse(sinceIso);
  return deployments
    .map((d) => ({ d, t: Date.parse(d.createdAt) }))
    .filter(({ t }) => t >= from && t <= now)
    .sort((a, b) => a.t - b.t)
    .map(({ d, t }) => ({ x: Math.floor(t / 1000), label: `${d.status.toLowerCase()} ${d.id.slice(0, 8)}`, failed: d.status === 'FAILED' }));
}

/** The time axis: the data's span widened to the markers, so a deployment just before the first sample shows. */
export function timeRange(min: number | null, max: number | null, markers: Marker[]): [number | null, number | null] {
  if (markers.length === 0 || min == null || max == null) return [min, max];
  const xs = markers.map((m) => m.x);
  return [Math.min(min, ...xs), Math.max(max, ...xs)];
}

const round = (n: number): number => Math.round(n * 100) / 100;

/** Bytes per second as people read them (decimals: of the unit shown, for axis ticks). */
export function rate(bytesPerSecond: number | null | undefined, decimals?: number): string {
  if (bytesPerSecond == null) return '—';
  // whole bytes need no decimals, even beside ticks in KiB/s that do
  if (bytesPerSecond < 1024) return `${bytesPerSecond.toFixed(Number.isInteger(bytesPerSecond) ? 0 : (decimals ?? 0))} B/s`;
  if (bytesPerSecond < 1024 * 1024) return `${(bytesPerSecond / 1024).toFixed(decimals ?? 1)} KiB/s`;
  return `${(bytesPerSecond / 1024 / 1024).toFixed(decimals ?? 1)} MiB/s`;
}

/**
 * An axis's tick labels with the fewest decimals (up to 3) that tell the ticks apart and stay
 * within 1 % of each tick: a flat memory line of 0.59–0.61 MB must not read "0.6 MB" on every
 * tick, nor 1.5 KiB/s read "2 KiB/s". The format's label starts with the number it shows.
 */
export function tickLabels(ticks: number[], format: (v: number, decimals: number) => string): string[] {
  for (let decimals = 0; decimals < 3; decimals++) {
    const labels = ticks.map((t) => format(t, decimals));
    const faithful = labels.every((l, i) => {
      const shown = parseFloat(l);
      const exact = parseFloat(format(ticks[i]!, 6));
      return !Number.isFinite(shown) || Math.abs(shown - exact) <= Math.abs(exact) * 0.01;
    });
    if (faithful && new Set(labels).size === labels.length) return labels;
  }
  return ticks.map((t) => format(t, 3));
}
