import { useState } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { numericFormatSuggestion, type RuleSuggestion } from '../../../src/diff/suggest-rules';
import type { ComparisonResult } from '../../../src/model/comparison';
import { errorMessage } from '../../api/client';
import { diffApi } from '../../api/diff';
import { addIgnoreRules, diffStore } from '../../store/diff';

/** Changes the comparison found that differ only in how a number is written. */
function numericEqualCount(result: ComparisonResult): number {
  const body = result.body.kind === 'json' || result.body.kind === 'form' ? result.body.entries : [];
  return [...result.query, ...body].filter((e) => 'numericEqual' in e && e.numericEqual === true).length;
}

type State = { phase: 'idle' | 'loading' } | { phase: 'ready'; list: RuleSuggestion[]; captures: number } | { phase: 'error'; message: string };

/**
 * "Suggest rules": a new baseline compares as noise (click id, ts, sig differ every time); this
 * lists the params that differed in every recent capture of the endpoint, each one click to add.
 */
export function SuggestRules() {
  const { left, right, result, ignore } = useStore(
    diffStore,
    useShallow((s) => ({ left: s.left, right: s.right, result: s.result, ignore: s.ignore })),
  );
  const [state, setState] = useState<State>({ phase: 'idle' });
  if (left === null || right === null || !result || result.left.kind !== 'exchange') return null;

  const known = new Set([...ignore, ...result.options.ignore]);
  const open = async () => {
    setState({ phase: 'loading' });
    try {
      const found = await diffApi.suggestRules(left, right);
      const numeric = numericFormatSuggestion(numericEqualCount(result), [...known]);
      setState({ phase: 'ready', captures: found.captures, list: [...(numeric ? [numeric] : []), ...found.suggestions] });
    } catch (err) {
      setState({ phase: 'error', message: errorMessage(err) });
    }
  };
  const shown = state.phase === 'ready' ? state.list.filter((s) => !known.has(s.rule)) : [];

  return (
    <span className="d-suggest">
      <button type="button" className="btn" onClick={() => void open()} disabled={state.phase === 'loading'} data-testid="suggest-rules">
        Suggest rules
      </button>
      {state.phase === 'error' ? (
        <span className="field-error d-field-error" role="alert">
          ✕ {state.message}
        </span>
      ) : null}
      {state.phase === 'ready' ? (
        <div className="d-suggest-list" role="group" aria-label="Suggested ignore rules" data-testid="rule-suggestions">
          {shown.length === 0 ? (
            <span className="muted small">
              {state.list.length
                ? 'All suggested rules are in use.'
                : `Nothing to suggest: no param differed in all ${state.captures} recent captures.`}
            </span>
          ) : (
            <>
              {shown.map((s) => (
                <span key={s.rule} className="d-suggestion" data-testid="rule-suggestion" data-rule={s.rule}>
                  <button type="button" className="chip mono" onClick={() => addIgnoreRules(s.rule)} title={`Ignore ${s.rule}`}>
                    + {s.rule}
                  </button>
                  <span className="muted small">
                    {s.reason}
                    {s.samples.length ? `: ${s.samples.join(', ')}` : ''}
                  </span>
                </span>
              ))}
              {shown.length > 1 ? (
                <button type="button" className="link-button" onClick={() => addIgnoreRules(shown.map((s) => s.rule).join(','))} data-testid="add-all-suggestions">
                  Add all
                </button>
              ) : null}
            </>
          )}
        </div>
      ) : null}
    </span>
  );
}
