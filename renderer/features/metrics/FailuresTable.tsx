import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { FailureRow, ProblemKind } from '../../../src/model/metrics';
import { FAILURE_REASON_LABELS } from '../../../src/model/metrics';
import { InlineError } from '../../components/InlineError';
import { exactTime, relativeTime } from '../../lib/format';
import { clockStore } from '../../store/clock';
import { loadMoreFailures, metricsStore, setKinds } from '../../store/metrics';
import { showInInbox } from '../../store/selection';

const KINDS: Array<{ kind: ProblemKind; label: string }> = [
  { kind: 'delivery', label: 'Not delivered' },
  { kind: 'retried', label: 'Retried' },
  { kind: 'answer', label: 'Failing answer' },
  { kind: 'verdict', label: 'Verdict failed' },
  { kind: 'mismatch', label: 'Value mismatch' },
  { kind: 'macro', label: 'Unreplaced macro' },
  { kind: 'duplicate', label: 'Duplicate' },
  { kind: 'clock', label: 'Clock problem' },
];

/** Shows the conversion's whole story in the Inbox: its key as the search, the postback selected. */
export function openInInbox(row: Pick<FailureRow, 'exchangeId' | 'key'>): void {
  showInInbox(row.exchangeId, { clearFilters: true, text: row.key });
}

export function FailuresTable() {
  const { failures, next, kinds, error } = useStore(metricsStore, useShallow((s) => ({ failures: s.failures, next: s.failuresNext, kinds: s.kinds, error: s.failuresError })));
  const now = useStore(clockStore);
  const toggle = (kind: ProblemKind) => {
    const current = kinds ?? [];
    const nextKinds = current.includes(kind) ? current.filter((k) => k !== kind) : [...current, kind];
    setKinds(nextKinds.length ? nextKinds : null);
  };
  return (
    <section className="mx-failures" aria-label="Failures" data-testid="metrics-failures">
      <header className="mx-section-head">
        <h3>What went wrong</h3>
        <div className="mx-kinds" role="group" aria-label="Show">
          {KINDS.map(({ kind, label }) => (
            <button key={kind} type="button" className={`chip mx-kind ${kinds?.includes(kind) ? 'is-on' : ''}`} aria-pressed={kinds?.includes(kind) ?? false} onClick={() => toggle(kind)}>
              {label}
            </button>
          ))}
        </div>
      </header>
      {error ? <InlineError title="Could not load more failures">{error}</InlineError> : null}
      {failures.length === 0 ? (
        <p className="muted pad">Nothing to report in this window{kinds ? ' for these kinds' : ''}.</p>
      ) : (
        <table className="mx-table">
          <thead>
            <tr>
              <th>When</th>
              <th>Dir</th>
              <th>Key</th>
              <th>Event</th>
              <th>Problems</th>
              <th>Reason</th>
              <th className="num">Tries</th>
              <th className="num">Status</th>
              <th>Detail</th>
            </tr>
          </thead>
          <tbody>
            {failures.map((f) => (
              <tr key={f.exchangeId} data-testid="failure-row" tabIndex={0} onClick={() => openInInbox(f)} onKeyDown={(e) => e.key === 'Enter' && openInInbox(f)} title="Open in the Inbox">
                <td title={exactTime(f.at)}>{relativeTime(f.at, now)}</td>
                <td>{f.direction === 'out' ? 'sent' : 'captured'}</td>
                <td className="mono mx-ellipsis">{f.key ?? '–'}</td>
                <td>{f.event ?? ''}</td>
                <td>
                  {f.problems.map((p) => (
                    <span key={p} className={`badge mx-problem problem-${p}`}>
                      {KINDS.find((k) => k.kind === p)?.label ?? p}
                    </span>
                  ))}
                </td>
                <td>{f.reason ? FAILURE_REASON_LABELS[f.reason] : ''}</td>
                <td className="num">{f.attempts}</td>
                <td className="num mono">{f.status ?? '–'}</td>
                <td className="mx-detail mx-ellipsis" title={f.detail ?? ''}>
                  {f.detail}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {next ? (
        <button type="button" className="btn btn-small mx-more" onClick={() => void loadMoreFailures()}>
          Older failures
        </button>
      ) : null}
    </section>
  );
}
