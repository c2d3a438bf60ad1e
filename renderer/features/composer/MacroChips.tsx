import { useStore } from 'zustand';
import type { MacroUse, Slot } from '../../../src/model/sender';
import { composerStore, setEditorTab } from '../../store/composer';
import { normalizeName } from './template';

const URL_SLOTS: ReadonlySet<Slot> = new Set(['origin', 'path', 'query-name', 'query-value', 'fragment']);
const BODY_SLOTS: ReadonlySet<Slot> = new Set(['json-string', 'json-bare', 'form-name', 'form-value', 'raw-body']);

export function macroState(use: MacroUse, emptyTokens: ReadonlySet<string>): 'ok' | 'empty' | 'unknown' | 'optional-empty' {
  if (use.source === 'unknown') return 'unknown';
  if (use.value === '') return emptyTokens.has(use.token) ? 'empty' : 'optional-empty';
  return 'ok';
}

/** Opens the Values tab on one macro's input. */
export function focusValue(name: string): void {
  setEditorTab('values');
  const key = normalizeName(name);
  requestAnimationFrame(() =>
    requestAnimationFrame(() => {
      const el = document.querySelector<HTMLInputElement>(`[data-value-key="${CSS.escape(key)}"]`);
      el?.scrollIntoView({ block: 'center' });
      el?.focus();
    }),
  );
}

/** The macros of one part of the request, each with what it became (from the last preview). */
export function MacroChips({ where }: { where: 'url' | 'body' }) {
  const preview = useStore(composerStore, (s) => s.preview);
  if (!preview) return null;
  const slots = where === 'url' ? URL_SLOTS : BODY_SLOTS;
  const empty = new Set(preview.problems.filter((p) => p.code === 'empty-value').map((p) => p.token ?? ''));
  const seen = new Set<string>();
  const uses = preview.macros.filter((m) => slots.has(m.slot) && !seen.has(m.token) && seen.add(m.token));
  if (uses.length === 0) return null;
  return (
    <ul className="macro-chips" aria-label={`Macros in the ${where === 'url' ? 'URL' : 'body'}`} data-testid={`macro-chips-${where}`}>
      {uses.map((m) => {
        const state = macroState(m, empty);
        const word = state === 'unknown' ? 'no value' : state === 'empty' ? 'empty' : state === 'optional-empty' ? 'empty (optional)' : m.inserted;
        return (
          <li key={m.token}>
            <button
              type="button"
              className={`macro-chip is-${state}`}
              onClick={() => focusValue(m.name)}
              title={`${m.token} in the ${m.slot} slot${m.value !== null ? ` = ${JSON.stringify(m.value)}, ${m.encoding}` : ''} (${m.source}). Click to edit its value.`}
              data-state={state}
            >
              <code className="mono">{m.token}</code>
              <span aria-hidden="true">→</span>
              <span className="mono macro-chip-value">
                {state === 'unknown' ? '✕ ' : state === 'empty' ? '⚠ ' : ''}
                {word}
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
