// One uPlot chart of the Metrics card, with the deployments drawn as vertical lines. uPlot draws
// on a canvas: created once per mount, fed new data by setData, resized with its container.
import { useEffect, useRef } from 'react';
import uPlot, { type AlignedData, type Options } from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { tickLabels, timeRange, type Marker } from './metrics-series';

interface Props {
  title: string;
  data: AlignedData;
  series: { label: string; stroke: string; value: (v: number | null) => string }[];
  /** A tick of the value axis with so many decimals. */
  tick: (v: number, decimals: number) => string;
  markers: Marker[];
}

export function MetricChart({ title, data, series, tick, markers }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const markersRef = useRef(markers);
  markersRef.current = markers;

  useEffect(() => {
    if (!box.current) return;
    const opts: Options = {
      width: box.current.clientWidth || 400,
      height: 160,
      series: [{}, ...series.map((s) => ({ label: s.label, stroke: s.stroke, width: 1.5, value: (_u: uPlot, v: number | null) => s.value(v) }))],
      scales: { x: { time: true, range: (_u, min, max) => timeRange(min, max, markersRef.current) } },
      axes: [{}, { size: 70, values: (_u, ticks) => tickLabels(ticks, tick) }],
      hooks: { draw: [(u) => drawMarkers(u, markersRef.current)] },
      legend: { live: true },
    };
    const u = new uPlot(opts, data, box.current);
    plot.current = u;
    const resize = new ResizeObserver(() => box.current && u.setSize({ width: box.current.clientWidth, height: 160 }));
    resize.observe(box.current);
    return () => {
      resize.disconnect();
      u.destroy();
      plot.current = null;
    };
    // the chart is rebuilt only if its series change; data and markers update it in place
  }, [series.map((s) => s.label).join()]);

  useEffect(() => {
    plot.current?.setData(data);
  }, [data, markers]);

  return (
    <figure className="metric-chart" data-chart={title}>
      <figcaption>{title}</figcaption>
      <div ref={box} />
    </figure>
  );
}

/** Deployments as dashed vertical lines (red when failed) across the plot area. */
function drawMarkers(u: uPlot, markers: Marker[]): void {
  const { ctx } = u;
  const { top, height } = u.bbox;
  ctx.save();
  ctx.setLineDash([4, 4]);
  ctx.lineWidth = 1;
  for (const m of markers) {
    const x = u.valToPos(m.x, 'x', true);
    if (x < u.bbox.left || x > u.bbox.left + u.bbox.width) continue;
    ctx.strokeStyle = m.failed ? '#c0392b' : '#7f8c8d';
    ctx.beginPath();
    ctx.moveTo(x, top);
    ctx.lineTo(x, top + height);
    ctx.stroke();
  }
  ctx.restore();
}
