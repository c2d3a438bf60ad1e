import type { DeltaRow, MetricsResult, SeriesPoint } from '../../../src/model/metrics';
import { addTotals, emptyTotals, sideMetrics } from '../../../src/metrics/kpis';
import { addBins } from '../../../src/metrics/latency-bins';

const MINUTE = 60_000;
const HOUR = 3_600_000;

/** Does a rollup change belong to what the dashboard shows? (Same dims rules as the server.) */
function matches(result: MetricsResult, row: DeltaRow): boolean {
  const f = result.filter;
  if (row.minute + MINUTE <= f.from) return false;
  if (f.endpointId !== null && row.endpointId !== f.endpointId) return false;
  if (f.profileId !== null && row.profileId !== f.profileId) return false;
  if (f.templateId !== null && row.templateId !== f.templateId) return false;
  return true;
}

/**
 * Applies live rollup deltas to a result with the server's own arithmetic (src/metrics/kpis.ts):
 * counts, rates, series and histogram move at once; percentiles are read from the merged bins
 * until the next (throttled) refetch brings exact ones back.
 */
export function applyDeltas(result: MetricsResult, rows: readonly DeltaRow[]): MetricsResult {
  const relevant = rows.filter((r) => matches(result, r));
  if (relevant.length === 0) return result;
  const out = addTotals(emptyTotals(), result.sender.totals);
  const inn = addTotals(emptyTotals(), result.receiver.totals);
  const outBins = addBins({}, result.sender.bins);
  const inBins = addBins({}, result.receiver.bins);
  const step = result.bucket === 'minute' ? MINUTE : HOUR;
  const series = new Map<number, SeriesPoint>(result.series.map((p) => [p.t, { t: p.t, out: addTotals(emptyTotals(), p.out), in: addTotals(emptyTotals(), p.in) }]));
  let to = result.filter.to;
  for (const row of relevant) {
    const direction = result.filter.direction;
    if (direction && row.direction !== direction) {
      // Our sends that arrived still count for the receiver side's delivery rate.
      addTotals(out, { expected: row.totals.expected ?? 0, arrived: row.totals.arrived ?? 0 });
      continue;
    }
    const isOut = row.direction === 'out';
    addTotals(isOut ? out : inn, row.totals);
    addBins(isOut ? outBins : inBins, row.bins);
    const t = Math.floor(row.minute / step) * step;
    let point = series.get(t);
    if (!point) series.set(t, (point = { t, out: emptyTotals(), in: emptyTotals() }));
    addTotals(isOut ? point.out : point.in, row.totals);
    to = Math.max(to, row.minute + MINUTE);
  }
  const receiver = sideMetrics('receiver', inn, inBins, null, out);
  if (result.expectedImport) receiver.deliveryRate = result.expectedImport.rate;
  return {
    ...result,
    filter: { ...result.filter, to },
    sender: sideMetrics('sender', out, outBins, null),
    receiver,
    series: [...series.values()].sort((a, b) => a.t - b.t),
  };
}
