import { useMemo, useRef } from 'react';
import uPlot from 'uplot';
import type { MetricsResult } from '../../../src/model/metrics';
import { BANDS } from '../../../src/model/metrics';
import { formatLatency } from '../../../src/metrics/kpis';
import { displayBars } from '../../../src/metrics/latency-bins';
import { labelTicks } from './axis-ticks';
import { useThemeColors, useUplot } from './use-uplot';

const HEIGHT = 200;

type Side = 'sender' | 'receiver';

/** Postbacks per minute/hour (delivered, failed, pending as stacked-looking bars) and the delivery rate. */
export function SeriesChart({ result, side }: { result: MetricsResult; side: Side }) {
  const c = useThemeColors();
  // The whole window on the x axis, also where it has no postbacks (read at every setData).
  const windowRef = useRef<[number, number]>([0, 1]);
  windowRef.current = [result.filter.from / 1000, result.filter.to / 1000];
  const data = useMemo<uPlot.AlignedData>(() => {
    const pick = (p: MetricsResult['series'][number]) => (side === 'sender' ? p.out : p.in);
    const xs = result.series.map((p) => p.t / 1000);
    const delivered = result.series.map((p) => pick(p).delivered);
    const failed = result.series.map((p) => pick(p).failed + pick(p).pending);
    const total = result.series.map((p, i) => delivered[i]! + failed[i]! || null);
    const rate = result.series.map((p) => (pick(p).n ? (100 * pick(p).delivered) / pick(p).n : null));
    // Bars drawn back to front: the total (failed on top), then the delivered part over it.
    return [xs, total, delivered, rate];
  }, [result, side]);
  const bars = uPlot.paths.bars!({ size: [0.8, 24], align: 0 });
  const ref = useUplot(
    (width) => ({
      width,
      height: HEIGHT,
      legend: { show: true, live: true },
      cursor: { drag: { x: false, y: false }, points: { show: false } },
      scales: { x: { time: true, range: () => windowRef.current }, n: { range: (_u, _min, max) => [0, Math.max(1, max ?? 1) * 1.1] }, pct: { range: [0, 100] } },
      axes: [
        { stroke: c.muted, grid: { stroke: c.border, width: 1 }, ticks: { stroke: c.border } },
        { scale: 'n', stroke: c.muted, grid: { stroke: c.border, width: 1 }, ticks: { stroke: c.border }, size: 44 },
        { scale: 'pct', side: 1, stroke: c.muted, grid: { show: false }, values: (_u, ticks) => ticks.map((t) => `${t}%`), size: 44 },
      ],
      series: [
        {},
        { label: 'failed or pending', scale: 'n', fill: c.err, stroke: c.err, paths: bars, points: { show: false }, value: (u, v, _s, i) => (v === null || i === null ? '–' : String(v - ((u.data[2]?.[i] as number | null) ?? 0))) },
        { label: 'delivered', scale: 'n', fill: c.ok, stroke: c.ok, paths: bars, points: { show: false } },
        { label: 'delivery rate', scale: 'pct', stroke: c.accent, width: 2, spanGaps: false, value: (_u, v) => (v === null ? '–' : `${v.toFixed(1)}%`) },
      ],
    }),
    data,
    [c, side],
  );
  return (
    <figure className="mx-chart" data-testid="metrics-series">
      <figcaption>
        {side === 'sender' ? 'Outbound' : 'Captured'} postbacks per {result.bucket} <span className="muted">· delivery rate on the right; good ≥ {BANDS.deliveryRate.good * 100}%</span>
      </figcaption>
      <div ref={ref} className="mx-uplot" />
    </figure>
  );
}

/** Response-time histogram: the log-scale bins merged into readable bars. */
export function LatencyHistogram({ result, side }: { result: MetricsResult; side: Side }) {
  const c = useThemeColors();
  const metrics = side === 'sender' ? result.sender : result.receiver;
  const bars = useMemo(() => displayBars(metrics.bins, 30), [metrics.bins]);
  const data = useMemo<uPlot.AlignedData>(() => [bars.map((_, i) => i), bars.map((b) => b.count)], [bars]);
  const labels = useMemo(() => bars.map((b) => formatLatency(b.fromMs)), [bars]);
  const ref = useUplot(
    (width) => ({
      width,
      height: HEIGHT,
      legend: { show: false },
      cursor: { drag: { x: false, y: false }, points: { show: false } },
      scales: { x: { time: false, range: (_u, min, max) => [min - 0.5, max + 0.5] }, y: { range: (_u, _min, max) => [0, Math.max(1, max ?? 1) * 1.1] } },
      axes: [
        { stroke: c.muted, grid: { show: false }, ticks: { stroke: c.border }, splits: (u) => labelTicks(labels, u.bbox.width / uPlot.pxRatio), values: (_u, ticks) => ticks.map((t) => labels[t] ?? '') },
        { stroke: c.muted, grid: { stroke: c.border, width: 1 }, ticks: { stroke: c.border }, size: 44 },
      ],
      series: [{}, { label: 'postbacks', fill: c.accent, stroke: c.accent, paths: uPlot.paths.bars!({ size: [0.9, 40] }), points: { show: false } }],
    }),
    data,
    [c, labels],
  );
  const rt = metrics.responseTime;
  return (
    <figure className="mx-chart" data-testid="metrics-histogram">
      <figcaption>
        Response time, {side} side <span className="muted">· {rt ? `${rt.count} postbacks${rt.exact ? '' : ', log bins (±6 %)'}` : 'none in this window'}</span>
      </figcaption>
      {bars.length ? <div ref={ref} className="mx-uplot" /> : <div className="mx-chart-empty muted">No response times in this window.</div>}
    </figure>
  );
}
