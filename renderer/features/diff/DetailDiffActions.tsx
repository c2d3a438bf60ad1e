import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import type { BaselineResult, PreviousExchange, PreviousScope } from '../../../src/model/comparison';
import type { ExchangeDetail } from '../../../src/model/exchange';
import { errorMessage } from '../../api/client';
import { diffApi } from '../../api/diff';
import { baselineTitle } from '../../components/BaselineBadge';
import { useDelayed } from '../../components/Skeleton';
import { baselineFor, pinBaseline, receiveBaselineResults, unpinBaseline, useBaselineSync } from '../../store/baselines';
import { compareExchanges, diffStore } from '../../store/diff';
import { useEndpointName } from '../../store/endpoints';
import '../../styles/diff.css';
import { DiffIcon } from './DiffIcon';

const SCOPES: ReadonlyArray<{ scope: PreviousScope; label: string; help: string }> = [
  { scope: 'endpoint', label: 'endpoint', help: 'the previous postback answered by the same endpoint' },
  { scope: 'correlation', label: 'click id', help: 'the previous postback with the same correlation key (click / transaction id)' },
];

/** Looked up once the selection rests: moving through the list with j/k must not fire requests per row. */
function usePrevious(id: number): Record<PreviousScope, PreviousExchange | null> {
  const [found, setFound] = useState<Record<PreviousScope, PreviousExchange | null>>({ endpoint: null, correlation: null, path: null });
  useEffect(() => {
    const abort = new AbortController();
    setFound({ endpoint: null, correlation: null, path: null });
    const timer = setTimeout(() => {
      for (const { scope } of SCOPES) {
        diffApi.previous(id, scope, abort.signal).then(
          (p) => setFound((f) => ({ ...f, [scope]: p })),
          (err: unknown) => {
            if ((err as Error).name !== 'AbortError') setFound((f) => ({ ...f, [scope]: { scope, of: id, id: null, reason: errorMessage(err) } }));
          },
        );
      }
    }, 120);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [id]);
  return found;
}

/** "vs previous" for the same endpoint / click id, and "Pin as baseline" (`b`). */
export function DetailDiffActions({ detail }: { detail: ExchangeDetail }) {
  const previous = usePrevious(detail.id);
  return (
    <>
      <span className="d-prev-group" role="group" aria-label="Compare with the previous postback of the same…">
        <span className="d-prev-label">
          <DiffIcon name="compare" />
          vs previous
        </span>
        {SCOPES.map(({ scope, label, help }) => {
          const p = previous[scope];
          const ready = p !== null && p.id !== null;
          const title = p === null ? `Looking for ${help}…` : ready ? `Compare with #${p.id}, ${help} (older on the left)` : `No ${help}: ${p.reason ?? 'none found'}`;
          return (
            <button
              key={scope}
              type="button"
              className="seg"
              aria-disabled={!ready}
              title={title}
              aria-label={`Compare with ${help}${ready ? '' : ` — ${p?.reason ?? 'looking'}`}`}
              data-testid={`compare-previous-${scope}`}
              data-previous-id={p?.id ?? undefined}
              onClick={() => {
                if (ready) compareExchanges(p.id!, detail.id);
              }}
            >
              {label}
            </button>
          );
        })}
      </span>
      <PinBaselineButton detail={detail} />
    </>
  );
}

function PinBaselineButton({ detail }: { detail: ExchangeDetail }) {
  useBaselineSync();
  const endpointId = detail.endpointId;
  const baseline = useStore(diffStore, (s) => baselineFor('endpoint', endpointId, s));
  const name = useEndpointName(endpointId);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const isBaseline = baseline?.exchangeId === detail.id;
  useEffect(() => setError(null), [detail.id]);

  const label = name ? `“${name}”` : `#${endpointId}`;
  const title =
    endpointId === null
      ? 'No endpoint answered this postback: a baseline is pinned for an endpoint. Add one in Endpoints first.'
      : isBaseline
        ? `This is the baseline of endpoint ${label}. Click to unpin it (b).`
        : `Pin as the expected postback of endpoint ${label}: every new capture there is compared with it (b)${baseline ? `. Replaces #${baseline.exchangeId}.` : '.'}`;

  const onClick = async () => {
    if (endpointId === null || busy) return;
    setBusy(true);
    setError(null);
    try {
      if (isBaseline) await unpinBaseline('endpoint', endpointId);
      else await pinBaseline('endpoint', endpointId, detail.id);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button
        type="button"
        className={`btn ${isBaseline ? 'is-pinned' : ''}`}
        aria-disabled={endpointId === null || busy}
        aria-pressed={isBaseline}
        title={title}
        onClick={() => void onClick()}
        data-testid="pin-baseline"
      >
        <DiffIcon name="pin" />
        <span>{isBaseline ? 'Baseline' : 'Pin as baseline'}</span>
      </button>
      {error ? (
        <span className="text-error" role="alert">
          Pin failed: {error}
        </span>
      ) : null}
    </>
  );
}

const EMPTY: readonly BaselineResult[] = [];

/** Which baseline this capture was checked against, whether it matches, and the way to the diff. */
export function BaselinePanel({ detail }: { detail: ExchangeDetail }) {
  useBaselineSync();
  const results = useStore(diffStore, (s) => s.baselineResults[detail.id] ?? EMPTY);
  const anyBaseline = useStore(diffStore, (s) => s.baselines.length > 0);
  const own = useStore(diffStore, (s) => baselineFor('endpoint', detail.endpointId, s));
  const endpointName = useEndpointName(detail.endpointId);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const checking = useDelayed(pending && results.length === 0);

  useEffect(() => {
    setPending(false);
    setError(null);
    if (!anyBaseline) return;
    const abort = new AbortController();
    diffApi.baselineResultOf(detail.id, abort.signal).then(
      (r) => {
        receiveBaselineResults(r.results);
        setPending(r.pending);
      },
      (err: unknown) => {
        if ((err as Error).name !== 'AbortError') setError(errorMessage(err));
      },
    );
    return () => abort.abort();
  }, [detail.id, anyBaseline]);

  const scopeName = (r: { scope: string; scopeId: number }) =>
    r.scope === 'endpoint' && r.scopeId === detail.endpointId && endpointName ? `endpoint “${endpointName}”` : `${r.scope} #${r.scopeId}`;

  if (own?.exchangeId === detail.id) {
    return (
      <div className="d-baseline-panel is-self" data-testid="baseline-panel" data-state="self">
        <DiffIcon name="pin" />
        <span>
          This postback is the baseline of {scopeName({ scope: 'endpoint', scopeId: own.scopeId })}: new captures there are compared with it.
        </span>
      </div>
    );
  }
  if (error) {
    return (
      <div className="d-baseline-panel" data-testid="baseline-panel" data-state="error">
        <span className="text-error">✕ Could not read the baseline result: {error}</span>
      </div>
    );
  }
  if (results.length === 0) {
    if (checking) {
      return (
        <div className="d-baseline-panel" data-testid="baseline-panel" data-state="pending">
          <span className="muted">Comparing with the baseline…</span>
        </div>
      );
    }
    if (own && !pending) {
      return (
        <div className="d-baseline-panel" data-testid="baseline-panel" data-state="unchecked">
          <span className="muted">
            Baseline of {scopeName({ scope: 'endpoint', scopeId: own.scopeId })}: #{own.exchangeId}, pinned after this capture, so it was not checked.
          </span>
          <button type="button" className="btn btn-small" onClick={() => compareExchanges(own.exchangeId, detail.id)}>
            Compare with it
          </button>
        </div>
      );
    }
    return null;
  }
  return (
    <div className="d-baseline-panel" data-testid="baseline-panel" data-state={results.every((r) => r.matches) ? 'match' : 'diff'}>
      {results.map((r) => (
        <div key={`${r.scope}:${r.scopeId}`} className="d-baseline-line" title={baselineTitle(r)}>
          <span className="d-baseline-what">
            Baseline of {scopeName(r)}: <span className="mono">#{r.baselineExchangeId}</span>
          </span>
          {r.matches ? (
            <span className="badge badge-baseline is-match" data-testid="baseline-verdict">
              ✓ matches baseline
            </span>
          ) : (
            <span className="badge badge-baseline is-diff" data-testid="baseline-verdict">
              ≠ {r.differences} difference{r.differences === 1 ? '' : 's'}
            </span>
          )}
          <span className="d-baseline-summary muted">{r.summary}</span>
          <button type="button" className="btn btn-small" onClick={() => compareExchanges(r.baselineExchangeId, detail.id)} data-testid="open-baseline-diff">
            Open diff
          </button>
        </div>
      ))}
    </div>
  );
}
