import { useMemo, useState } from 'react';
import { useStore } from 'zustand';
import type { EncodeMode, MacroUse, TemplateSpec } from '../../../src/model/sender';
import { Icon } from '../../components/Icon';
import { composerStore, currentVars, editTemplate, renameVar, setVar, setVars } from '../../store/composer';
import { EpIcon } from '../endpoints/EpIcon';
import { normalizeName, sampleValue, type TemplateMacro } from './template';
import { valuesAsDefaults } from './values-as-defaults';

const BUILTINS = 'timestamp, ts, unix (seconds) · timestamp_ms · iso, datetime · date · uuid, guid · random';
const PLACE: Record<string, string> = { url: 'URL', header: 'header', body: 'body', success: 'success rule' };

export function ValuesTab({ spec, macros }: { spec: TemplateSpec; macros: TemplateMacro[] }) {
  const vars = useStore(composerStore, currentVars);
  const preview = useStore(composerStore, (s) => s.preview);
  const [newName, setNewName] = useState('');

  const uses = useMemo(() => {
    const map = new Map<string, MacroUse>();
    for (const m of preview?.macros ?? []) if (!map.has(normalizeName(m.name))) map.set(normalizeName(m.name), m);
    return map;
  }, [preview]);
  const emptyTokens = useMemo(() => new Set((preview?.problems ?? []).filter((p) => p.code === 'empty-value').map((p) => p.token)), [preview]);

  /** The var that fills a macro: exact name first, then by normalized name (as the sender does). */
  const varFor = (m: TemplateMacro): string | null => {
    if (Object.hasOwn(vars, m.name)) return m.name;
    return Object.keys(vars).find((n) => normalizeName(n) === m.key) ?? null;
  };
  const usedKeys = new Set(macros.map((m) => m.key));
  const others = Object.keys(vars).filter((n) => !usedKeys.has(normalizeName(n)));
  const optional = new Set((spec.optional ?? []).map(normalizeName));

  const fillSamples = () => {
    const patch: Record<string, string> = {};
    for (const m of macros) {
      if (varFor(m) !== null) continue;
      const sample = sampleValue(m.name);
      if (sample !== null) patch[m.name] = sample;
    }
    setVars(patch);
  };
  const canFill = macros.some((m) => varFor(m) === null && sampleValue(m.name) !== null);
  const keepAsDefaults = () =>
    editTemplate((t) => {
      const d = valuesAsDefaults(t.defaults, vars, macros.map((m) => m.name), normalizeName);
      if (Object.keys(d).length) t.defaults = d;
      else delete t.defaults;
    }, 'defaults');
  const canKeep = macros.some((m) => {
    const name = varFor(m);
    return name !== null && vars[name] !== '' && vars[name] !== spec.defaults?.[m.name];
  });

  return (
    <div className="values-tab" data-testid="values-tab">
      <div className="values-head">
        <p className="muted small">
          Values for this send. A macro without a value here takes the template’s default, then a built-in; with none it is unknown and the send is refused.
        </p>
        <button type="button" className="btn btn-small" onClick={fillSamples} disabled={!canFill} title="Fill click_id, event, payout, currency… with test values where nothing is set" data-testid="fill-samples">
          Fill test values
        </button>
        <button
          type="button"
          className="btn btn-small"
          onClick={keepAsDefaults}
          disabled={!canKeep}
          title="Copy the values typed here into the template’s defaults, so Save keeps them with the template (exports and other machines included)"
          data-testid="values-to-defaults"
        >
          Keep as defaults
        </button>
      </div>
      {macros.length === 0 ? (
        <p className="muted small empty-line">
          The template uses no macros in the <strong>{spec.dialect}</strong> dialect. Write them in the URL, headers or body.
        </p>
      ) : (
        <ul className="value-rows" aria-label="Macros of the template">
          {macros.map((m) => {
            const name = varFor(m);
            const value = name === null ? null : vars[name]!;
            const use = uses.get(m.key);
            const state = !use ? 'pending' : use.source === 'unknown' ? 'unknown' : use.value === '' ? (emptyTokens.has(use.token) ? 'empty' : 'optional-empty') : 'ok';
            const placeholder =
              value === ''
                ? 'empty: inserts nothing'
                : use?.source === 'builtin'
                ? `built-in: ${use.value}`
                : use?.source === 'default'
                  ? `default: ${use.value}`
                  : use?.source === 'unknown'
                    ? 'no value: required'
                    : 'not set';
            const mode = spec.encode?.[m.name] ?? Object.entries(spec.encode ?? {}).find(([n]) => normalizeName(n) === m.key)?.[1] ?? 'auto';
            return (
              <li key={m.key} className={`value-row is-${state}`} data-testid="value-row" data-macro={m.key}>
                <div className="value-line">
                  <code className="mono value-token" title={`Used in the ${m.places.map((p) => PLACE[p]).join(', ')}`}>
                    {m.token}
                  </code>
                  <span className="field value-field">
                    <input
                      type="text"
                      className={`mono ${state === 'unknown' || state === 'empty' ? 'is-invalid' : ''}`}
                      value={value ?? ''}
                      placeholder={placeholder}
                      aria-label={`Value of ${m.token}`}
                      aria-invalid={state === 'unknown' || state === 'empty' ? true : undefined}
                      spellCheck={false}
                      data-value-key={m.key}
                      data-testid={`value-${m.key}`}
                      onChange={(e) => setVar(name ?? m.name, e.target.value)}
                    />
                  </span>
                  {name !== null ? (
                    <button type="button" className="btn btn-icon btn-quiet" onClick={() => setVar(name, null)} title={value === '' ? 'Unset (send no value: default or built-in applies)' : 'Unset this value'} aria-label={`Unset ${m.token}`}>
                      <Icon name="close" size={12} />
                    </button>
                  ) : (
                    <span className="value-spacer" />
                  )}
                  <StateWord state={state} use={use} />
                </div>
                <div className="value-sub small">
                  <span className="value-where" title={use && use.source !== 'unknown' ? `${use.inserted} (${use.encoding})` : undefined}>
                    {m.places.map((p) => PLACE[p]).join(' · ')}
                    {use && use.source !== 'unknown' ? (
                      <>
                        {' '}
                        → <code className="mono">{use.inserted === '' ? '(nothing)' : use.inserted}</code>
                        {use.encoding !== 'raw' ? ` ${use.encoding}` : ''}
                      </>
                    ) : null}
                  </span>
                  <label className="inline-check" title="Saved with the template: default when no value is given">
                    default
                    <input
                      type="text"
                      className="mono default-input"
                      value={spec.defaults?.[m.name] ?? ''}
                      aria-label={`Default of ${m.token}`}
                      spellCheck={false}
                      onChange={(e) =>
                        editTemplate((t) => {
                          const d = { ...(t.defaults ?? {}) };
                          if (e.target.value === '') delete d[m.name];
                          else d[m.name] = e.target.value;
                          if (Object.keys(d).length) t.defaults = d;
                          else delete t.defaults;
                        }, 'defaults')
                      }
                    />
                  </label>
                  <label className="inline-check" title="Saved with the template: an empty value is allowed">
                    <input
                      type="checkbox"
                      checked={optional.has(m.key)}
                      onChange={(e) =>
                        editTemplate((t) => {
                          const list = (t.optional ?? []).filter((n) => normalizeName(n) !== m.key);
                          if (e.target.checked) list.push(m.name);
                          if (list.length) t.optional = list;
                          else delete t.optional;
                        }, 'optional')
                      }
                      data-testid={`optional-${m.key}`}
                    />
                    optional
                  </label>
                  <label className="inline-check" title="auto: encode once for the slot, keep an already-encoded value; always: encode anyway; never: insert as is">
                    encode
                    <select
                      value={mode}
                      aria-label={`Encoding of ${m.token}`}
                      onChange={(e) =>
                        editTemplate((t) => {
                          const enc = Object.fromEntries(Object.entries(t.encode ?? {}).filter(([n]) => normalizeName(n) !== m.key));
                          if (e.target.value !== 'auto') enc[m.name] = e.target.value as EncodeMode;
                          if (Object.keys(enc).length) t.encode = enc;
                          else delete t.encode;
                        }, 'encode')
                      }
                    >
                      <option value="auto">auto</option>
                      <option value="always">always</option>
                      <option value="never">never</option>
                    </select>
                  </label>
                </div>
              </li>
            );
          })}
        </ul>
      )}

      <h3 className="section-title values-other-title">Other values</h3>
      {others.length ? (
        <ul className="value-rows" aria-label="Values the template does not use">
          {others.map((n) => (
            <li key={n} className="value-row other-row">
              <div className="value-line">
                <input type="text" className="mono value-name" value={n} aria-label="Value name" spellCheck={false} onChange={(e) => e.target.value && renameVar(n, e.target.value)} />
                <input type="text" className="mono" value={vars[n]} aria-label={`Value of ${n}`} spellCheck={false} onChange={(e) => setVar(n, e.target.value)} />
                <button type="button" className="btn btn-icon btn-quiet" onClick={() => setVar(n, null)} aria-label={`Remove ${n}`} title="Remove">
                  <Icon name="close" size={12} />
                </button>
                <span className="muted small">not used by the template</span>
              </div>
            </li>
          ))}
        </ul>
      ) : null}
      <form
        className="add-value"
        onSubmit={(e) => {
          e.preventDefault();
          const name = newName.trim();
          if (!name) return;
          setVar(name, vars[name] ?? '');
          setNewName('');
        }}
      >
        <input type="text" className="mono" list="conversion-fields" value={newName} placeholder="click_id, payout, any name…" aria-label="New value name" spellCheck={false} onChange={(e) => setNewName(e.target.value)} data-testid="add-value-name" />
        <datalist id="conversion-fields">
          {['click_id', 'transaction_id', 'event', 'payout', 'revenue', 'currency', 'subid', 'status', 'goal'].map((n) => (
            <option key={n} value={n} />
          ))}
        </datalist>
        <button type="submit" className="btn btn-small" disabled={!newName.trim()}>
          <EpIcon name="plus" size={12} />
          Value
        </button>
        <span className="muted small">For macros you are about to write, or carried for correlation (click_id).</span>
      </form>
      <p className="muted small builtins">
        <strong>Built-ins</strong> (drawn once per postback): <code>{BUILTINS}</code>. Names match without case or separators: <code>[CLICKID]</code> reads <code>click_id</code>.
      </p>
    </div>
  );
}

function StateWord({ state, use }: { state: string; use: MacroUse | undefined }) {
  if (state === 'unknown') return <span className="value-state text-error">✕ unknown</span>;
  if (state === 'empty') return <span className="value-state text-warn">⚠ empty</span>;
  if (state === 'optional-empty') return <span className="value-state muted">– empty</span>;
  if (state === 'pending' || !use) return <span className="value-state muted">…</span>;
  return (
    <span className="value-state text-ok" title={`from ${use.source === 'var' ? 'your value' : use.source}`}>
      ✓ {use.source === 'var' ? 'set' : use.source}
    </span>
  );
}
