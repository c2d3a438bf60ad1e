import { useState } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { exactTime } from '../../lib/format';
import { loadCircuits, outboxStore, reenableCircuit } from '../../store/outbox';

/** `template:3` → "template #3"; `origin:http://host` → the origin. */
function circuitLabel(key: string): string {
  if (key.startsWith('template:')) return `template #${key.slice(9)}`;
  if (key.startsWith('origin:')) return key.slice(7);
  return key;
}

/**
 * Destinations switched off after consecutive failures (Everflow-like policies), with re-enable;
 * destinations on their way there are listed quietly.
 */
export function Circuits() {
  const { circuits, error, actionError } = useStore(outboxStore, useShallow((s) => ({ circuits: s.circuits, error: s.circuitsError, actionError: s.actionError })));
  const [open, setOpen] = useState(false);
  const disabled = circuits.filter((c) => c.disabledAt !== null);
  const failing = circuits.filter((c) => c.disabledAt === null && c.consecutiveFailures > 0);
  if (error) {
    return (
      <div className="notice notice-error small" role="alert">
        ✕ Circuits: {error}
        <button type="button" className="btn btn-small" onClick={() => void loadCircuits()}>
          Retry
        </button>
      </div>
    );
  }
  if (disabled.length === 0 && failing.length === 0) return null;
  return (
    <section className={`circuits ${disabled.length ? 'has-disabled' : ''}`} aria-label="Destinations" data-testid="circuits">
      {disabled.length ? (
        <>
          <p className="circuits-head">
            <strong>
              ⊘ {disabled.length} {disabled.length === 1 ? 'destination is' : 'destinations are'} disabled
            </strong>{' '}
            <span className="small">after consecutive failures: nothing is sent there until re-enabled.</span>
          </p>
          <ul className="circuit-list">
            {disabled.map((c) => (
              <li key={c.key} className="circuit" data-testid="circuit">
                <code className="mono circuit-key" title={c.key}>
                  {circuitLabel(c.key)}
                </code>
                <span className="small num" title={c.disabledAt ? exactTime(c.disabledAt) : undefined}>
                  {c.consecutiveFailures} failures in a row
                </span>
                {c.lastError ? (
                  <span className="small circuit-error" title={c.lastError}>
                    {c.lastError}
                  </span>
                ) : null}
                <button type="button" className="btn btn-small" onClick={() => void reenableCircuit(c.key)} data-testid="circuit-reenable">
                  Re-enable
                </button>
                {actionError?.id === c.key ? (
                  <span className="text-error small" role="alert">
                    ✕ {actionError.message}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {failing.length ? (
        <button type="button" className="link-button small" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
          {failing.length} {failing.length === 1 ? 'destination is' : 'destinations are'} failing
        </button>
      ) : null}
      {open && failing.length ? (
        <ul className="circuit-list">
          {failing.map((c) => (
            <li key={c.key} className="circuit">
              <code className="mono circuit-key">{circuitLabel(c.key)}</code>
              <span className="small num">{c.consecutiveFailures} in a row</span>
              <button type="button" className="btn btn-small" onClick={() => void reenableCircuit(c.key)} title="Reset the failure count">
                Reset
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
