import { memo } from 'react';
import { useStore } from 'zustand';
import type { ExchangeSummary } from '../../../src/model/exchange';
import { clockStore } from '../../store/clock';
import type { ColumnId, TimeMode } from '../../store/columns';
import { clearMark, diffStore, markForCompare } from '../../store/diff';
import { RowCell } from './RowCell';

export const ROW_HEIGHT = 30;

export const ExchangeRow = memo(function ExchangeRow({
  row,
  top,
  selected,
  columns,
  timeMode,
  onSelect,
  onOpen,
}: {
  row: ExchangeSummary;
  top: number;
  selected: boolean;
  /** The visible columns, in order; the grid template comes from the list (a CSS variable). */
  columns: readonly ColumnId[];
  timeMode: TimeMode;
  onSelect: (id: number) => void;
  onOpen: (id: number) => void;
}) {
  const now = useStore(clockStore);
  const fresh = now - row.receivedAt < 1500;
  // The second postback picked for `d` (shift/ctrl-click).
  const marked = useStore(diffStore, (s) => s.marked === row.id);
  return (
    <div
      role="option"
      aria-selected={selected || marked}
      id={`exchange-row-${row.id}`}
      className={`exchange-row dir-row-${row.direction} ${selected ? 'is-selected' : ''} ${fresh ? 'is-fresh' : ''} ${marked ? 'is-marked' : ''}`}
      style={{ transform: `translateY(${top}px)`, height: ROW_HEIGHT }}
      data-testid="exchange-row"
      data-exchange-id={row.id}
      data-direction={row.direction}
      onClick={(e) => {
        if (e.shiftKey || e.ctrlKey || e.metaKey) markForCompare(row.id);
        else {
          clearMark();
          onSelect(row.id);
        }
      }}
      onDoubleClick={() => onOpen(row.id)}
    >
      {columns.map((c) => (
        <RowCell key={c} column={c} row={row} now={now} timeMode={timeMode} />
      ))}
    </div>
  );
});
