import { useCallback, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { useDismiss } from '../../components/use-dismiss';
import { COLUMN_IDS, columnsStore, resetColumns, setTimeMode, toggleColumn, type TimeMode } from '../../store/columns';
import { COLUMNS } from './columns';

const TIME_MODES: Array<{ mode: TimeMode; label: string }> = [
  { mode: 'relative', label: 'Relative (42s)' },
  { mode: 'absolute', label: 'Clock (14:03:22)' },
];

/** Show / hide list columns and choose how time reads; all of it persists across sessions. */
export function ColumnChooser() {
  const [open, setOpen] = useState(false);
  const anchor = useRef<HTMLDivElement>(null);
  const close = useCallback(() => setOpen(false), []);
  useDismiss(anchor, open, close);
  const { hidden, timeMode } = useStore(columnsStore, useShallow((s) => ({ hidden: s.hidden, timeMode: s.timeMode })));
  const shown = COLUMN_IDS.length - hidden.length;

  return (
    <div className="popover-anchor" ref={anchor}>
      <button type="button" className="btn btn-small" onClick={() => setOpen(!open)} aria-expanded={open} data-testid="column-chooser-open" title="Choose the list's columns and time format">
        Columns
      </button>
      {open ? (
        <div className="popover popover-right column-chooser" role="dialog" aria-label="List columns" data-testid="column-chooser">
          <fieldset>
            <legend>Columns</legend>
            {COLUMN_IDS.map((id) => {
              const on = !hidden.includes(id);
              return (
                <label key={id} className="column-choice" title={COLUMNS[id].title}>
                  {/* The last shown column cannot go: an empty row would hide every postback. */}
                  <input type="checkbox" checked={on} disabled={on && shown === 1} onChange={() => toggleColumn(id)} data-testid={`column-toggle-${id}`} />
                  <span>{id === 'direction' ? 'Direction ↓↑' : COLUMNS[id].label}</span>
                </label>
              );
            })}
          </fieldset>
          <fieldset>
            <legend>Time</legend>
            {TIME_MODES.map(({ mode, label }) => (
              <label key={mode} className="column-choice">
                <input type="radio" name="time-mode" checked={timeMode === mode} onChange={() => setTimeMode(mode)} data-testid={`time-mode-${mode}`} />
                <span>{label}</span>
              </label>
            ))}
          </fieldset>
          <div className="popover-actions">
            <button type="button" className="btn btn-small" onClick={resetColumns} data-testid="columns-reset">
              Reset columns and widths
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
