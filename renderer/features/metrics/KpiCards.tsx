import type { ReactNode } from 'react';
import type { KpiName, MetricsResult, SideMetrics } from '../../../src/model/metrics';
import { BANDS, DEFINITIONS } from '../../../src/model/metrics';
import { bandOf, formatLatency, formatPercent, type BandLevel } from '../../../src/metrics/kpis';

const BAND_WORD: Record<BandLevel, { icon: string; word: string }> = {
  good: { icon: '✓', word: 'good' },
  average: { icon: '~', word: 'average' },
  poor: { icon: '✕', word: 'below average' },
};

function Band({ kpi, value }: { kpi: KpiName; value: number | null }) {
  const level = bandOf(kpi, value);
  return (
    <div className="mx-band">
      {level ? (
        <span className={`mx-band-level band-${level}`} data-testid={`band-${kpi}`}>
          <span aria-hidden="true">{BAND_WORD[level].icon}</span> {BAND_WORD[level].word}
        </span>
      ) : (
        <span className="mx-band-level band-none">no data</span>
      )}
      <span className="muted">benchmark {BANDS[kpi].text}</span>
    </div>
  );
}

function Card({ kpi, title, side, value, raw, children, definition }: { kpi: KpiName; title: string; side: string; value: string; raw: number | null; children?: ReactNode; definition: string }) {
  const level = bandOf(kpi, raw) ?? 'none';
  return (
    <section className={`mx-kpi kpi-${level}`} data-testid={`kpi-${kpi}`} aria-label={title}>
      <div className="mx-kpi-main">
        <h2>
          {title} <span className="mx-side">{side}</span>
        </h2>
        <div className="mx-kpi-value num" data-testid={`kpi-${kpi}-value`}>
          {value}
        </div>
        <Band kpi={kpi} value={raw} />
        {children}
      </div>
      <p className="mx-definition">{definition}</p>
    </section>
  );
}

/** The side a headline KPI speaks for: what was sent, unless nothing was (or only captures are asked for). */
export function headlineSide(result: MetricsResult): SideMetrics {
  if (result.filter.direction === 'in') return result.receiver;
  if (result.filter.direction === 'out') return result.sender;
  return result.sender.totals.n > 0 ? result.sender : result.receiver;
}

export function KpiCards({ result }: { result: MetricsResult }) {
  const main = headlineSide(result);
  const other = main.side === 'sender' ? result.receiver : result.sender;
  const rt = main.responseTime;
  const delivery = main.deliveryRate;
  const t = main.totals;
  return (
    <div className="mx-kpis">
      <Card
        kpi="deliveryRate"
        title="Delivery rate"
        side={`${main.side} side`}
        value={formatPercent(delivery)}
        raw={delivery}
        definition={main.side === 'sender' ? DEFINITIONS.deliveryRateSender : DEFINITIONS.deliveryRateReceiver}
      >
        <div className="mx-kpi-sub num">
          {main.side === 'sender'
            ? `${t.conversionsDelivered} of ${t.conversions} conversions delivered · ${t.n} sends: ${t.delivered} delivered, ${t.failed} failed, ${t.pending} pending`
            : `${result.sender.totals.arrived} of ${result.sender.totals.expected} expected arrived`}
          {other.deliveryRate !== null ? ` · ${other.side} side ${formatPercent(other.deliveryRate)}` : ''}
        </div>
      </Card>
      <Card kpi="responseTime" title="Response time" side={`${main.side} side · mean`} value={formatLatency(rt?.mean ?? null)} raw={rt?.mean ?? null} definition={DEFINITIONS.responseTime}>
        <dl className="mx-pcts num" data-testid="kpi-percentiles">
          {(['p50', 'p90', 'p99'] as const).map((p) => (
            <div key={p}>
              <dt>{p}</dt>
              <dd data-testid={`kpi-${p}`}>{formatLatency(rt?.[p] ?? null)}</dd>
            </div>
          ))}
          <div>
            <dt>n</dt>
            <dd>{rt ? `${rt.count}${rt.exact ? '' : ' ≈'}` : '0'}</dd>
          </div>
        </dl>
      </Card>
      <Card kpi="accuracyRate" title="Accuracy rate" side="receiver side" value={formatPercent(result.receiver.accuracyRate)} raw={result.receiver.accuracyRate} definition={DEFINITIONS.accuracyRate}>
        <div className="mx-kpi-sub num">
          {result.receiver.totals.accurate} accurate of {result.receiver.totals.verdictPass + result.receiver.totals.verdictFail + result.receiver.totals.verdictNone} judged
          {result.receiver.totals.verdictNone ? ` · ${result.receiver.totals.verdictNone} without a profile` : ''}
          {result.receiver.totals.verdictPending ? ` · ${result.receiver.totals.verdictPending} being judged` : ''}
        </div>
      </Card>
    </div>
  );
}
