import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useStore } from 'zustand';
import { parseFilter } from '../../../src/shared/filter-language';
import { suggest, type Suggestion } from '../../../src/shared/filter-suggest';
import { Icon } from '../../components/Icon';
import { endpointsStore } from '../../store/endpoints';
import { filtersStore } from '../../store/filters';
import { FilterHelp } from './FilterHelp';
import { useParamNames } from './param-names';
import { applyFiltersNow } from './sync';

/**
 * The Inbox search box: the filter language with autocomplete under the cursor, a `?` help popover
 * and the parse error shown where it is (never a silent free-text search for a typo).
 */
export function FilterQuery() {
  const text = useStore(filtersStore, (s) => s.text);
  const set = filtersStore.getState().set;
  const input = useRef<HTMLInputElement>(null);
  const [cursor, setCursor] = useState(0);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const params = useParamNames(open);
  const endpoints = useStore(endpointsStore, (s) => s.items);

  const parsed = useMemo(() => parseFilter(text), [text]);
  const error = parsed.ok ? null : parsed.error;
  const suggestions = useMemo(
    () => suggest(text, cursor, { params, endpoints: endpoints.map((e) => e.name) }),
    [text, cursor, params, endpoints],
  );
  const items = open ? suggestions.items : [];

  const edit = (value: string, caret: number) => {
    set({ text: value });
    setCursor(caret);
    setActive(0);
    setOpen(true);
  };

  const accept = (item: Suggestion) => {
    const value = text.slice(0, suggestions.from) + item.insert + text.slice(suggestions.to);
    const caret = suggestions.from + item.insert.length;
    edit(value, caret);
    // After React writes the value: put the caret at the end of what was inserted, unless the user
    // typed on meanwhile (moving the caret back then would scatter their keys).
    requestAnimationFrame(() => {
      if (input.current?.value === value) input.current.setSelectionRange(caret, caret);
    });
  };

  const insertExample = (example: string) => {
    const value = text.trim() ? `${text.trimEnd()} ${example}` : example;
    edit(value, value.length);
    setOpen(false);
    input.current?.focus();
  };

  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (items.length && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
      e.preventDefault();
      setActive((i) => (i + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length);
      return;
    }
    if (items.length && (e.key === 'Tab' || e.key === 'Enter') && !e.shiftKey) {
      e.preventDefault();
      accept(items[Math.min(active, items.length - 1)]!);
      return;
    }
    if (e.key === 'Escape') {
      // Never the search input's own Escape (it would wipe the filter). The first Escape closes
      // the list and keeps the caret here; the next leaves the box.
      e.preventDefault();
      if (items.length) setOpen(false);
      else e.currentTarget.blur();
      return;
    }
    if (e.key === 'Enter') applyFiltersNow();
  };

  return (
    <div className="filter-query">
      <div className="filter-query-row">
        <label className={`search-box ${error ? 'is-invalid' : ''}`}>
          <Icon name="search" size={14} />
          <input
            ref={input}
            type="search"
            className="mono"
            placeholder="Filter: param.payout>1.5 status>=400 -dup … or words"
            value={text}
            onChange={(e) => edit(e.target.value, e.target.selectionStart ?? e.target.value.length)}
            onKeyDown={onKey}
            onKeyUp={(e) => setCursor(e.currentTarget.selectionStart ?? 0)}
            onClick={(e) => {
              setCursor(e.currentTarget.selectionStart ?? 0);
              setOpen(true);
            }}
            onFocus={() => setOpen(true)}
            onBlur={() => setOpen(false)}
            data-testid="filter-text"
            aria-label="Filter postbacks (press / to focus)"
            aria-invalid={error !== null}
            aria-describedby={error ? 'filter-error' : undefined}
            aria-autocomplete="list"
            aria-expanded={items.length > 0}
            aria-controls="filter-suggestions"
            spellCheck={false}
            autoComplete="off"
          />
          <kbd className="search-kbd" aria-hidden="true">
            /
          </kbd>
        </label>
        <FilterHelp onExample={insertExample} />
      </div>
      {items.length ? (
        <ul className="filter-suggestions" id="filter-suggestions" role="listbox" data-testid="filter-suggestions">
          {items.map((item, i) => (
            <li
              key={item.insert}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'is-active' : ''}
              // mousedown, not click: the input must not blur (and close the list) first.
              onMouseDown={(e) => {
                e.preventDefault();
                accept(item);
              }}
            >
              <span className="mono">{item.label}</span>
              <span className="filter-suggestion-detail">{item.detail}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {error ? (
        <div className="filter-error" id="filter-error" role="alert" data-testid="filter-error">
          <div className="filter-error-source mono" aria-hidden="true">
            {text.slice(0, error.position)}
            <mark>{text.slice(error.position, error.position + error.length) || ' '}</mark>
            {text.slice(error.position + error.length)}
          </div>
          <div>{error.message}</div>
        </div>
      ) : null}
    </div>
  );
}
