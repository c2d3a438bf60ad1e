import { useState } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { Icon } from '../../components/Icon';
import { filtersStore, hasFilters, parseParamFilter } from '../../store/filters';
import { FilterCount } from './FilterCount';
import { FilterQuery } from './FilterQuery';
import { SavedViews } from './SavedViews';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

export function FilterBar() {
  const filters = useStore(
    filtersStore,
    useShallow((s) => ({ text: s.text, method: s.method, status: s.status, path: s.path, params: s.params })),
  );
  const { set, addParam, removeParam, clear } = filtersStore.getState();
  const [paramInput, setParamInput] = useState('');
  const [paramError, setParamError] = useState(false);

  const commitParam = () => {
    const param = parseParamFilter(paramInput.trim());
    if (!param) {
      setParamError(paramInput.trim() !== '');
      return;
    }
    addParam(param);
    setParamInput('');
    setParamError(false);
  };

  return (
    <div className="filter-bar" role="search">
      <div className="filter-row">
        <FilterQuery />
        <SavedViews />
        <select
          value={filters.method}
          onChange={(e) => set({ method: e.target.value })}
          aria-label="Method"
          className={filters.method ? 'is-active' : ''}
          data-testid="filter-method"
        >
          <option value="">Any method</option>
          {METHODS.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
        <input
          className={`filter-small mono ${filters.status ? 'is-active' : ''}`}
          placeholder="Status"
          value={filters.status}
          onChange={(e) => set({ status: e.target.value })}
          aria-label="Status code"
          title="A status such as 200, or a class such as 4xx"
          data-testid="filter-status"
        />
      </div>
      <div className="filter-row">
        <input
          className={`filter-path mono ${filters.path ? 'is-active' : ''}`}
          placeholder="Path, e.g. /postback"
          value={filters.path}
          onChange={(e) => set({ path: e.target.value })}
          aria-label="Path"
          spellCheck={false}
          data-testid="filter-path"
        />
        <input
          className={`filter-param mono ${paramError ? 'is-invalid' : ''}`}
          placeholder="param=value ⏎"
          value={paramInput}
          onChange={(e) => {
            setParamInput(e.target.value);
            setParamError(false);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commitParam();
          }}
          aria-label="Add a parameter filter, name=value"
          aria-invalid={paramError}
          title={paramError ? 'Write it as name=value' : 'Filter by a query or body parameter: name=value, then Enter'}
          spellCheck={false}
          data-testid="filter-param"
        />
      </div>
      {hasFilters(filters) ? (
        <div className="filter-chips">
          <FilterCount />
          {filters.params.map((p, i) => (
            <span key={`${p.name}=${p.value}`} className="chip chip-filter mono" data-testid="filter-chip">
              <span className="chip-name">{p.name}</span>=<span className="chip-value">{p.value}</span>
              <button type="button" className="chip-remove" onClick={() => removeParam(i)} aria-label={`Remove ${p.name}=${p.value}`}>
                <Icon name="close" size={12} />
              </button>
            </span>
          ))}
          <button type="button" className="link-button" onClick={clear}>
            Clear filters
          </button>
        </div>
      ) : null}
    </div>
  );
}
