import { useState } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { ReconciliationItem } from '../../../src/model/metrics';
import { errorMessage } from '../../api/client';
import { InlineError } from '../../components/InlineError';
import { importExpected, metricsStore, reconcileNow, setMetricsFilters } from '../../store/metrics';
import { openInInbox } from './FailuresTable';

const LISTS = [
  { key: 'missing', label: 'Missing', hint: 'expected, never captured' },
  { key: 'unexpected', label: 'Unexpected', hint: 'captured, not in the list' },
  { key: 'duplicated', label: 'Duplicated', hint: 'captured more than once' },
  { key: 'mismatched', label: 'Mismatched', hint: 'value or currency differs' },
  { key: 'reversed', label: 'Reversed', hint: 'taken back by a captured chargeback or refund of its key' },
] as const;

function Item({ item }: { item: ReconciliationItem }) {
  return (
    <li>
      <span className="mono">{item.key || '(no key)'}</span> {item.event ? <span className="muted">{item.event}</span> : null}{' '}
      {item.differences?.map((d) => (
        <span key={d.field} className="badge badge-warn">
          {d.field}: expected {d.expected ?? '–'}, got {d.actual ?? '–'}
        </span>
      ))}
      {item.exchangeIds.map((id) => (
        <button key={id} type="button" className="link-button" onClick={() => openInInbox({ exchangeId: id, key: item.key || null })}>
          #{id}
        </button>
      ))}
    </li>
  );
}

/** Import the expected conversions (CSV or JSON) and see what is missing, unexpected, doubled or off. */
export function ReconcilePanel() {
  const { imports, importId, rec, error } = useStore(metricsStore, useShallow((s) => ({ imports: s.imports, importId: s.importId, rec: s.reconciliation, error: s.reconcileError })));
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [open, setOpen] = useState<(typeof LISTS)[number]['key']>('missing');

  const onFile = async (file: File) => {
    setBusy(true);
    setProblem(null);
    try {
      const created = await importExpected(file.name, await file.text());
      if (created.skipped.length) setProblem(`${created.skipped.length} lines skipped, e.g. line ${created.skipped[0]!.line}: ${created.skipped[0]!.message}`);
    } catch (err) {
      setProblem(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="mx-reconcile" aria-label="Reconciliation" data-testid="metrics-reconcile">
      <header className="mx-section-head">
        <h3>Reconcile with expected conversions</h3>
        <label className="btn btn-small">
          {busy ? 'Importing…' : 'Import CSV or JSON…'}
          <input type="file" accept=".csv,.json,.txt,text/csv,application/json" hidden disabled={busy} onChange={(e) => e.target.files?.[0] && void onFile(e.target.files[0])} />
        </label>
        <select aria-label="Expected conversions" value={importId ?? ''} onChange={(e) => {
          setMetricsFilters({ importId: e.target.value ? Number(e.target.value) : null });
          void reconcileNow();
        }}>
          <option value="">No list: expected = our own sends</option>
          {imports.map((i) => (
            <option key={i.id} value={i.id}>
              {i.name} ({i.count})
            </option>
          ))}
        </select>
      </header>
      <p className="muted small">Columns by name: key / click_id / transaction_id, event, value / payout, currency, conversion_time (unix or ISO).</p>
      {problem ? <InlineError title="Import">{problem}</InlineError> : null}
      {error ? <InlineError title="Could not reconcile">{error}</InlineError> : null}
      {rec ? (
        <>
          <div className="mx-rec-counts" role="tablist">
            <span className="muted">
              {rec.matched} of {rec.expected} matched ·
            </span>
            {LISTS.map((l) => (
              <button key={l.key} type="button" role="tab" aria-selected={open === l.key} className={`btn btn-small ${open === l.key ? 'is-current' : ''}`} title={l.hint} onClick={() => setOpen(l.key)} data-testid={`rec-${l.key}`}>
                {l.label} <span className="count">{rec.counts[l.key]}</span>
              </button>
            ))}
          </div>
          <ul className="mx-rec-list">
            {rec[open].length ? rec[open].map((item, i) => <Item key={`${item.key}-${i}`} item={item} />) : <li className="muted">None.</li>}
          </ul>
        </>
      ) : null}
    </section>
  );
}
