import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useStore } from 'zustand';
import type { FieldError } from '../../../src/model/endpoint';
import type { SavedView } from '../../../src/model/environment';
import { errorMessage } from '../../api/client';
import { fieldErrorsOf } from '../../api/json-request';
import { Icon } from '../../components/Icon';
import { useDismiss } from '../../components/use-dismiss';
import { filtersStore } from '../../store/filters';
import { applyView, deleteView, loadSavedViews, renameView, saveCurrentView, savedViewsStore } from '../../store/saved-views';
import { applyFiltersNow } from './sync';

/**
 * Saved views beside the filter box: the current expression (and the shown columns) under a
 * name, kept in the data folder; pick one to filter by it again, rename or delete it. Arrow keys
 * move through the menu, Escape closes it and gives focus back to its button.
 */
export function SavedViews() {
  const [open, setOpen] = useState(false);
  const anchor = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const views = useStore(savedViewsStore, (s) => s.items);
  const loadError = useStore(savedViewsStore, (s) => s.error);
  const text = useStore(filtersStore, (s) => s.text);
  const close = useCallback(() => {
    setOpen(false);
    button.current?.focus();
  }, []);
  useDismiss(anchor, open, close);

  useEffect(() => {
    void loadSavedViews();
  }, []);

  useEffect(() => {
    if (open) menu.current?.querySelector<HTMLElement>('[data-menu-item]')?.focus();
  }, [open]);

  const current = views.find((v) => v.filter === text.trim()) ?? null;

  // Up and down move between the menu's actions (apply, rename, delete, the save form).
  const onMenuKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const items = [...(menu.current?.querySelectorAll<HTMLElement>('[data-menu-item]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    const next = items[(at + (e.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length];
    if (next) {
      e.preventDefault();
      next.focus();
    }
  };

  return (
    <div className="popover-anchor saved-views" ref={anchor}>
      <button
        ref={button}
        type="button"
        className={`btn saved-views-button ${current ? 'is-active' : ''}`}
        onClick={() => setOpen(!open)}
        aria-haspopup="true"
        aria-expanded={open}
        title="Saved views: filters kept under a name"
        data-testid="saved-views-open"
      >
        <span className="saved-views-label">{current ? current.name : 'Views'}</span>
        <span aria-hidden="true">▾</span>
      </button>
      {open ? (
        <div className="popover popover-right saved-views-menu" role="dialog" aria-label="Saved views" data-testid="saved-views-menu" ref={menu} onKeyDown={onMenuKey}>
          {loadError ? (
            <p className="text-error small" role="alert">
              ✕ {loadError}
            </p>
          ) : null}
          {views.length === 0 ? (
            <p className="muted small saved-views-empty">No saved views yet. Type a filter, then save it here under a name.</p>
          ) : (
            <ul className="saved-views-list" aria-label="Saved views">
              {views.map((view) => (
                <SavedViewRow
                  key={view.id}
                  view={view}
                  current={current?.id === view.id}
                  onApply={() => {
                    applyView(view);
                    applyFiltersNow();
                    close();
                  }}
                />
              ))}
            </ul>
          )}
          <SaveCurrent text={text} />
        </div>
      ) : null}
    </div>
  );
}

function SavedViewRow({ view, current, onApply }: { view: SavedView; current: boolean; onApply: () => void }) {
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(view.name);
  const [armed, setArmed] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const rename = async () => {
    try {
      await renameView(view.id, name);
      setRenaming(false);
      setError(null);
    } catch (err) {
      setError(fieldErrorsOf(err).find((f) => f.field === 'name')?.message ?? errorMessage(err));
    }
  };

  return (
    <li className={`saved-view ${current ? 'is-current' : ''}`} data-testid="saved-view">
      {renaming ? (
        <input
          className="saved-view-rename"
          value={name}
          autoFocus
          aria-label={`New name for ${view.name}`}
          aria-invalid={error !== null}
          data-menu-item
          data-testid="saved-view-rename-input"
          onChange={(e) => setName(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') void rename();
            if (e.key === 'Escape') {
              // Cancels the rename only, not the whole menu.
              e.stopPropagation();
              e.nativeEvent.stopImmediatePropagation();
              setRenaming(false);
              setName(view.name);
              setError(null);
            }
          }}
        />
      ) : (
        <button type="button" className="saved-view-apply" onClick={onApply} aria-current={current} data-menu-item data-testid="saved-view-apply" title={view.filter}>
          <span className="saved-view-name">
            {current ? <Icon name="check" size={12} /> : null}
            {view.name}
          </span>
          <span className="saved-view-filter mono muted">{view.filter || '(no filter)'}</span>
        </button>
      )}
      <button type="button" className="btn btn-icon btn-quiet" onClick={() => (renaming ? void rename() : setRenaming(true))} aria-label={renaming ? `Save the name of ${view.name}` : `Rename ${view.name}`} data-menu-item data-testid="saved-view-rename">
        {renaming ? <Icon name="check" size={12} /> : <span aria-hidden="true">✎</span>}
      </button>
      <button
        type="button"
        className={`btn btn-icon btn-quiet ${armed ? 'btn-danger' : ''}`}
        onClick={() => {
          if (!armed) return setArmed(true);
          deleteView(view.id).catch((err: unknown) => setError(errorMessage(err)));
        }}
        onBlur={() => setArmed(false)}
        aria-label={armed ? `Press again to delete ${view.name}` : `Delete ${view.name}`}
        title={armed ? 'Press again to delete' : 'Delete'}
        data-menu-item
        data-testid="saved-view-delete"
      >
        <Icon name="trash" size={12} />
      </button>
      {error ? <span className="field-error saved-view-error">{error}</span> : null}
    </li>
  );
}

function SaveCurrent({ text }: { text: string }) {
  const [name, setName] = useState('');
  const [fields, setFields] = useState<FieldError[]>([]);
  const [error, setError] = useState<string | null>(null);
  const empty = text.trim() === '';

  const save = async () => {
    try {
      await saveCurrentView(name);
      setName('');
      setFields([]);
      setError(null);
    } catch (err) {
      setFields(fieldErrorsOf(err));
      setError(errorMessage(err));
    }
  };
  const nameError = fields.find((f) => f.field === 'name')?.message;
  const filterError = fields.find((f) => f.field === 'filter')?.message;

  return (
    <form
      className="saved-views-save"
      onSubmit={(e) => {
        e.preventDefault();
        if (!empty) void save();
      }}
    >
      <label className="muted small" htmlFor="saved-view-name">
        Save the current filter{empty ? ' (type one first)' : ''} as
      </label>
      <div className="saved-views-save-row">
        <input id="saved-view-name" value={name} onChange={(e) => setName(e.target.value)} placeholder="Failed AppsFlyer" disabled={empty} aria-invalid={Boolean(nameError)} data-menu-item data-testid="saved-view-name" />
        <button type="submit" className="btn btn-small btn-accent" disabled={empty || name.trim() === ''} data-menu-item data-testid="saved-view-save">
          Save
        </button>
      </div>
      {nameError || filterError || (error && fields.length === 0) ? (
        <span className="field-error" role="alert" data-testid="saved-view-error">
          {nameError ?? filterError ?? error}
        </span>
      ) : null}
      {!empty ? <code className="mono muted small saved-views-current">{text.trim()}</code> : null}
    </form>
  );
}
