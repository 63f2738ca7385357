// The app's "Metrics" card: CPU, memory and network of its instances over 1 h, 6 h, 24 h or 7 d,
// with the deployments of the range marked on the time axis. Refreshed every 15 s.
import { useEffect, useMemo, useState } from 'react';
import { useQuery } from 'urql';
import { errorMessage } from '../api/errors';
import { AppMetricsQuery } from '../api/metrics-operations';
import { ErrorBox } from '../ui/Feedback';
import { MetricChart } from './MetricChart';
import { buildSeries, deploymentMarkers, RANGES, rangeQuery, rate, type MetricsRange } from './metrics-series';

const REFRESH_MS = 15_000;
const CPU = [{ label: 'CPU', stroke: '#2e86de', value: (v: number | null) => (v == null ? '—' : `${v.toFixed(1)} %`) }];
const MEMORY = [{ label: 'Memory', stroke: '#8e44ad', value: (v: number | null) => (v == null ? '—' : `${v.toFixed(v < 10 ? 1 : 0)} MB`) }];
const percent = (v: number, decimals: number) => `${v.toFixed(decimals)} %`;
const megabytes = (v: number, decimals: number) => `${v.toFixed(decimals)} MB`;
const NETWORK = [
  { label: 'In', stroke: '#27ae60', value: rate },
  { label: 'Out', stroke: '#e67e22', value: rate },
];

export function Metrics({ appId }: { appId: string }) {
  const [range, setRange] = useState<MetricsRange>('1h');
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const t = setInterval(() => setTick((n) => n + 1), REFRESH_MS);
    return () => clearInterval(t);
  }, []);
  // a new `since` on every refresh: the range slides with the clock
  const vars = useMemo(() => rangeQuery(range), [range, tick]);
  const [{ data, error, fetching }] = useQuery({ query: AppMetricsQuery, variables: { id: appId, ...vars }, requestPolicy: 'cache-and-network' });
  const series = useMemo(() => buildSeries(data?.app?.metrics ?? [], vars.stepSeconds), [data, vars.stepSeconds]);
  const markers = useMemo(() => deploymentMarkers(data?.app?.deployments ?? [], vars.since), [data, vars.since]);
  const empty = !fetching && series.x.length === 0;

  return (
    <section className="card metrics" aria-labelledby="metrics-title" data-points={series.x.length}>
      <div className="metrics-head">
        <h2 id="metrics-title">Metrics</h2>
        <div role="group" aria-label="Range" className="range-buttons">
          {RANGES.map((r) => (
            <button key={r.key} type="button" aria-pressed={r.key === range} className={r.key === range ? 'primary' : ''} onClick={() => setRange(r.key)}>
              {r.label}
            </button>
          ))}
        </div>
      </div>
      <ErrorBox message={errorMessage(error)} />
      {empty ? (
        <p className="muted">No samples in this range: metrics are taken while a release runs.</p>
      ) : (
        <div className="metric-charts">
          <MetricChart title="CPU (100 % = one core)" data={[series.x, series.cpu]} series={CPU} tick={percent} markers={markers} />
          <MetricChart title="Memory" data={[series.x, series.memory]} series={MEMORY} tick={megabytes} markers={markers} />
          <MetricChart title="Network" data={[series.x, series.rx, series.tx]} series={NETWORK} tick={rate} markers={markers} />
        </div>
      )}
      {markers.length > 0 && <p className="muted small">Dashed lines: deployments started in this range (red: failed).</p>}
    </section>
  );
}
