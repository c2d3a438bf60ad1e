import type { SideMetrics } from '../../../src/model/metrics';
import { DEFINITIONS, FAILURE_REASON_LABELS, FAILURE_REASONS } from '../../../src/model/metrics';
import { formatLatency, formatPercent, formatValue, netConversions, netValue } from '../../../src/metrics/kpis';

function Row({ label, value, title }: { label: string; value: string; title?: string }) {
  return (
    <div className="mx-row" title={title}>
      <dt>{label}</dt>
      <dd className="num">{value}</dd>
    </div>
  );
}

/** The secondary numbers of one side: duplicates, attempts, failure reasons, macros, percentiles. */
export function SideDetails({ m }: { m: SideMetrics }) {
  const t = m.totals;
  const rt = m.responseTime;
  const reasons = FAILURE_REASONS.filter((r) => t[r] > 0);
  const maxReason = Math.max(1, ...reasons.map((r) => t[r]));
  return (
    <section className="mx-side-card" data-testid={`side-${m.side}`} aria-label={`${m.side} side`}>
      <h3>
        {m.side === 'sender' ? 'Sender side' : 'Receiver side'} <span className="muted">· {t.n} {m.side === 'sender' ? 'sent' : 'captured'}</span>
      </h3>
      <dl className="mx-rows">
        {m.side === 'sender' ? (
          <>
            <Row label="Conversions delivered" value={`${t.conversionsDelivered} of ${t.conversions}`} title={DEFINITIONS.deliveryRateSender} />
            <Row label="Sends delivered / failed / pending" value={`${t.delivered} / ${t.failed} / ${t.pending}`} />
            <Row label="Attempts per delivery" value={m.attemptsPerDelivery === null ? '–' : m.attemptsPerDelivery.toFixed(2)} title={DEFINITIONS.attemptsPerDelivery} />
            <Row label="Attempts in all" value={String(t.attempts)} />
          </>
        ) : (
          <>
            <Row label="Conversions (net of reversals)" value={`${netConversions(t)} = ${t.conversions} − ${t.reversed} reversed`} title={DEFINITIONS.reversals} />
            <Row label="Reversals" value={String(t.reversals)} title={DEFINITIONS.reversals} />
            <Row label="Value (net of reversals)" value={`${formatValue(netValue(t))} (${formatValue(t.reversedValueSum)} reversed)`} title={DEFINITIONS.netValue} />
            <Row label="Verdicts pass / fail / none" value={`${t.verdictPass} / ${t.verdictFail} / ${t.verdictNone}${t.verdictPending ? ` (+${t.verdictPending} pending)` : ''}`} />
            <Row label="Privacy findings" value={String(t.privacyFindings)} title={DEFINITIONS.privacyFindings} />
            <Row label="Value or currency mismatches" value={`${t.mismatched} of ${t.withExpected}`} />
            <Row label="Answered 400+ or rejected" value={String(t.failed)} />
          </>
        )}
        <Row label="Duplicate rate" value={`${formatPercent(m.duplicateRate)} (${t.duplicates})`} title={DEFINITIONS.duplicateRate} />
        <Row label="Response time p50 / p90 / p99" value={rt ? `${formatLatency(rt.p50)} / ${formatLatency(rt.p90)} / ${formatLatency(rt.p99)}` : '–'} />
        <Row label="Clock problems (not in response time)" value={String(t.clockProblems)} title={DEFINITIONS.clockProblems} />
        <Row label="Unreplaced macros" value={t.macroTokens ? `${t.macroTokens} in ${t.macroPostbacks} postbacks` : 'none'} title={DEFINITIONS.unreplacedMacros} />
      </dl>
      <h4 title={DEFINITIONS.failureReasons}>Failure reasons</h4>
      {reasons.length === 0 ? (
        <p className="muted small">None.</p>
      ) : (
        <ul className="mx-reasons">
          {reasons.map((r) => (
            <li key={r}>
              <span className="mx-reason-label">{FAILURE_REASON_LABELS[r]}</span>
              <span className="mx-reason-bar" style={{ width: `${(t[r] / maxReason) * 100}%` }} aria-hidden="true" />
              <span className="num">{t[r]}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
