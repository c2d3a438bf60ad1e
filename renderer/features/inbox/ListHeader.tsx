import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { columnsStore, resetColumnWidth, setColumnWidth, setTimeMode, type ColumnId, type TimeMode } from '../../store/columns';
import { COLUMNS, columnWidth, flexColumn } from './columns';
import '../../styles/inbox-columns.css';

const MAX_WIDTH = 720;
const KEY_STEP = 8;

const clamp = (id: ColumnId, px: number) => Math.max(COLUMNS[id].min, Math.min(MAX_WIDTH, px));

/**
 * The list's column headers. Each fixed column has a drag handle on its right edge (double-click
 * resets it, ←/→ nudge it); the flexible column takes what is left, so it has none.
 */
export function ListHeader({ columns, timeMode }: { columns: readonly ColumnId[]; timeMode: TimeMode }) {
  const flex = flexColumn(columns);
  return (
    <div className="list-head" role="row" data-testid="list-head">
      {columns.map((id) => (
        <span key={id} className={`col-head align-${COLUMNS[id].align}`} role="columnheader" title={COLUMNS[id].title} data-column={id}>
          {id === 'time' ? (
            <button
              type="button"
              className="col-head-button"
              onClick={() => setTimeMode(timeMode === 'relative' ? 'absolute' : 'relative')}
              data-testid="time-mode-toggle"
            >
              {timeMode === 'relative' ? 'Age' : 'Time'}
            </button>
          ) : (
            <span className="col-head-label">{COLUMNS[id].label}</span>
          )}
          {id === flex ? null : <ResizeHandle id={id} />}
        </span>
      ))}
    </div>
  );
}

function ResizeHandle({ id }: { id: ColumnId }) {
  const drag = useRef<{ x: number; width: number } | null>(null);
  const current = () => columnWidth(id, columnsStore.getState());

  const onPointerDown = (e: PointerEvent<HTMLSpanElement>) => {
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { x: e.clientX, width: current() };
  };
  const onPointerMove = (e: PointerEvent<HTMLSpanElement>) => {
    if (!drag.current) return;
    setColumnWidth(id, clamp(id, drag.current.width + e.clientX - drag.current.x));
  };
  const end = (e: PointerEvent<HTMLSpanElement>) => {
    if (e.currentTarget.hasPointerCapture(e.pointerId)) e.currentTarget.releasePointerCapture(e.pointerId);
    drag.current = null;
  };
  const onKeyDown = (e: KeyboardEvent<HTMLSpanElement>) => {
    const step = e.key === 'ArrowRight' ? KEY_STEP : e.key === 'ArrowLeft' ? -KEY_STEP : 0;
    if (!step) return;
    e.preventDefault();
    setColumnWidth(id, clamp(id, current() + step));
  };

  return (
    <span
      className="col-resize"
      role="separator"
      aria-orientation="vertical"
      aria-label={`Resize ${COLUMNS[id].label} column`}
      aria-valuenow={current()}
      tabIndex={0}
      title="Drag to resize; double-click to reset"
      data-testid={`col-resize-${id}`}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={end}
      onPointerCancel={end}
      onDoubleClick={() => resetColumnWidth(id)}
      onKeyDown={onKeyDown}
      onClick={(e) => e.stopPropagation()}
    />
  );
}
