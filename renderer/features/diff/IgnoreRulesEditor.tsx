import { useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { RuleScope } from '../../../src/model/comparison';
import { errorMessage } from '../../api/client';
import { diffApi, fieldsOf, type ProfileRef } from '../../api/diff';
import { Icon } from '../../components/Icon';
import { addIgnoreRules, clearIgnoreRules, diffStore, removeIgnoreRule, removeSavedRule, saveRulesFor, setUseSaved } from '../../store/diff';
import { endpointsStore, loadEndpoints } from '../../store/endpoints';
import { SuggestRules } from './SuggestRules';

const EXAMPLES = ['ts', 'query.nonce', 'header.date', '$.items[*].ts', 'body.meta', 'body', '~numeric-format'];

/** Ignore rules for this comparison, the saved ones it used, and saving them for an endpoint or profile. */
export function IgnoreRulesEditor() {
  const { ignore, ruleErrors, useSaved, result } = useStore(
    diffStore,
    useShallow((s) => ({ ignore: s.ignore, ruleErrors: s.ruleErrors, useSaved: s.useSaved, result: s.result })),
  );
  const [text, setText] = useState('');
  // Rules the applied options carry that this comparison did not ask for came from saved sets.
  const saved = useMemo(() => (result ? result.options.ignore.filter((r) => !ignore.includes(r)) : []), [result, ignore]);
  const [savedError, setSavedError] = useState<string | null>(null);

  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      addIgnoreRules(text);
      setText('');
    }
  };
  const ruleProblems = Object.keys(ruleErrors).length > 0;

  return (
    <section className="d-rules" aria-label="Ignore rules" data-testid="ignore-rules">
      <div className="d-rules-row">
        <span className="d-rules-title">Ignore</span>
        {ignore.map((rule, i) => (
          <span key={rule} className={`chip chip-filter mono d-rule ${ruleErrors[i] ? 'is-invalid' : ''}`} data-testid="ignore-rule" title={ruleErrors[i] ?? 'For this comparison'}>
            {ruleErrors[i] ? (
              <span className="d-rule-x" aria-hidden="true">
                ✕
              </span>
            ) : null}
            {rule}
            <button type="button" className="chip-remove" onClick={() => removeIgnoreRule(i)} aria-label={`Stop ignoring ${rule}`}>
              <Icon name="close" size={12} />
            </button>
          </span>
        ))}
        {saved.map((rule) => (
          <span key={`saved-${rule}`} className="chip mono d-rule d-rule-saved" data-testid="saved-ignore-rule" title="Saved for the endpoint / profile both sides share">
            <span className="d-rule-tag">saved</span>
            {rule}
            <button
              type="button"
              className="chip-remove"
              onClick={() => {
                setSavedError(null);
                removeSavedRule(rule).catch((err: unknown) => setSavedError(errorMessage(err)));
              }}
              aria-label={`Remove ${rule} from the saved rules`}
            >
              <Icon name="close" size={12} />
            </button>
          </span>
        ))}
        <input
          className="mono d-rule-input"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKey}
          onBlur={() => {
            if (text.trim()) {
              addIgnoreRules(text);
              setText('');
            }
          }}
          placeholder="add a rule, e.g. ts ⏎"
          aria-label="Add an ignore rule: a param or header name, query.x, form.x, header.x, a JSON path ($.a[*].b), body.a or body"
          spellCheck={false}
          data-testid="ignore-input"
        />
        {ignore.length ? (
          <button type="button" className="link-button" onClick={clearIgnoreRules}>
            Clear
          </button>
        ) : null}
        <SuggestRules />
        <span className="spacer" />
        <label className="d-check" title="Merge the rules saved for the endpoint or profile both sides share">
          <input type="checkbox" checked={useSaved} onChange={(e) => setUseSaved(e.target.checked)} data-testid="use-saved-rules" />
          Apply saved rules
          {result && result.rules.length ? (
            <span className="muted"> ({result.rules.map((r) => `${r.scope} #${r.scopeId}`).join(', ')})</span>
          ) : null}
        </label>
        <SaveRules />
      </div>
      {ruleProblems ? (
        <ul className="d-rule-errors" data-testid="ignore-rule-errors">
          {Object.entries(ruleErrors).map(([i, message]) => (
            <li key={i} className="field-error d-field-error" role="alert">
              ✕ <code>{ignore[Number(i)]}</code>: {message}
            </li>
          ))}
        </ul>
      ) : null}
      {savedError ? (
        <p className="field-error d-field-error" role="alert">
          ✕ Could not change the saved rules: {savedError}
        </p>
      ) : null}
      <p className="d-rules-help muted">
        Ignored items stay visible, marked <em>ignored</em>, and are not counted. Forms:{' '}
        {EXAMPLES.map((e, i) => (
          <span key={e}>
            {i ? ', ' : ''}
            <code>{e}</code>
          </span>
        ))}
        .
      </p>
    </section>
  );
}

interface Target {
  key: string;
  scope: RuleScope;
  id: number;
  name: string;
  label: string;
}

/** Save this comparison's rules (and the toggles set here) for an endpoint or a profile. */
function SaveRules() {
  const { result, ignore, overrides } = useStore(diffStore, useShallow((s) => ({ result: s.result, ignore: s.ignore, overrides: s.overrides })));
  const endpoints = useStore(endpointsStore, (s) => s.items);
  const [profiles, setProfiles] = useState<ProfileRef[]>([]);
  const [target, setTarget] = useState('');
  const [state, setState] = useState<{ phase: 'idle' | 'saving' | 'saved' | 'error'; message?: string }>({ phase: 'idle' });

  useEffect(() => {
    void loadEndpoints();
    diffApi.profiles().then(setProfiles, () => setProfiles([]));
  }, []);

  const targets = useMemo(() => {
    const out: Target[] = [];
    const ids = new Set<number>();
    for (const side of result ? [result.left, result.right] : []) {
      if (side.kind === 'exchange' && side.endpointId !== null) ids.add(side.endpointId);
    }
    for (const id of ids) {
      const name = endpoints.find((e) => e.id === id)?.name ?? `#${id}`;
      out.push({ key: `endpoint:${id}`, scope: 'endpoint', id, name, label: `Endpoint: ${name}` });
    }
    for (const p of profiles) out.push({ key: `profile:${p.id}`, scope: 'profile', id: p.id, name: p.name, label: `Profile: ${p.name}` });
    return out;
  }, [result, endpoints, profiles]);

  const chosen = targets.find((t) => t.key === target) ?? targets[0] ?? null;
  const nothing = ignore.length === 0 && Object.keys(overrides).length === 0;

  if (targets.length === 0) {
    return (
      <span className="muted small" title="Rules are saved for an endpoint or a profile: neither side was answered by an endpoint, and there are no profiles yet.">
        Save: no endpoint or profile
      </span>
    );
  }

  const save = async () => {
    if (!chosen) return;
    setState({ phase: 'saving' });
    try {
      await saveRulesFor(chosen.scope, chosen.id);
      setState({ phase: 'saved', message: `Saved for ${chosen.scope} “${chosen.name}”` });
    } catch (err) {
      const fields = fieldsOf(err);
      setState({ phase: 'error', message: fields.length ? fields.map((f) => `${f.field}: ${f.message}`).join('; ') : errorMessage(err) });
    }
  };

  return (
    <span className="d-save">
      <select value={chosen?.key ?? ''} onChange={(e) => setTarget(e.target.value)} aria-label="Save the rules for" data-testid="save-rules-target">
        {targets.map((t) => (
          <option key={t.key} value={t.key}>
            {t.label}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="btn"
        onClick={() => void save()}
        disabled={nothing || state.phase === 'saving'}
        title={nothing ? 'Add a rule or change a toggle first' : 'Add these rules and toggles to the saved set (nothing saved there is removed)'}
        data-testid="save-rules"
      >
        Save rules
      </button>
      {state.phase === 'saved' ? (
        <span className="d-saved" role="status">
          ✓ {state.message}
        </span>
      ) : state.phase === 'error' ? (
        <span className="field-error d-field-error" role="alert">
          ✕ {state.message}
        </span>
      ) : null}
    </span>
  );
}
