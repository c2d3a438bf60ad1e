import { useEffect } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { InlineError } from '../../components/InlineError';
import { SkeletonBlock, useDelayed } from '../../components/Skeleton';
import { metricsStore, reloadMetrics, startMetricsSync } from '../../store/metrics';
import '../../styles/metrics.css';
import { LatencyHistogram, SeriesChart } from './Charts';
import { FailuresTable } from './FailuresTable';
import { headlineSide, KpiCards } from './KpiCards';
import { MetricsToolbar } from './MetricsToolbar';
import { ReconcilePanel } from './ReconcilePanel';
import { SideDetails } from './SideDetails';

/** The KPI dashboard: three numbers against the benchmark, both sides in detail, charts, failures, reconciliation. */
export function Metrics() {
  const { result, phase, error } = useStore(metricsStore, useShallow((s) => ({ result: s.result, phase: s.phase, error: s.error })));
  const slow = useDelayed(phase === 'loading');
  useEffect(startMetricsSync, []);

  const empty = result && result.sender.totals.n === 0 && result.receiver.totals.n === 0;
  const side = result ? headlineSide(result).side : 'sender';
  return (
    <div className="metrics-view" data-testid="metrics-view">
      <MetricsToolbar />
      <div className="mx-scroll">
        {error ? (
          <InlineError title="Could not load the metrics" action={<button type="button" className="btn btn-small" onClick={() => void reloadMetrics()}>Retry</button>}>
            {error}
          </InlineError>
        ) : null}
        {!result ? (
          slow ? <SkeletonBlock lines={8} /> : null
        ) : (
          <>
            <KpiCards result={result} />
            {empty ? (
              <p className="mx-empty muted" data-testid="metrics-empty">
                No postbacks in this window yet. Send some from the Composer (bulk sends simulate N conversions), or point a partner at the receiver — the numbers fill in live.
              </p>
            ) : null}
            <div className="mx-charts">
              <SeriesChart result={result} side={side} />
              <LatencyHistogram result={result} side={side} />
            </div>
            <div className="mx-sides">
              {result.filter.direction !== 'in' ? <SideDetails m={result.sender} /> : null}
              {result.filter.direction !== 'out' ? <SideDetails m={result.receiver} /> : null}
            </div>
            <FailuresTable />
            <ReconcilePanel />
          </>
        )}
      </div>
    </div>
  );
}
