import { COLUMN_IDS, type ColumnId, type ColumnsState, type TimeMode } from '../../store/columns';

export interface ColumnDef {
  id: ColumnId;
  label: string;
  /** Header tooltip: what the column holds when the label is terse. */
  title: string;
  width: number;
  min: number;
  align: 'left' | 'right' | 'center';
}

/**
 * Default widths are sized so that, at the default split (640 px), the key-param column still
 * holds two chips with their names (the issue: names vanished and values read "Ac…").
 */
export const COLUMNS: Record<ColumnId, ColumnDef> = {
  time: { id: 'time', label: 'Time', title: 'When it arrived (click to switch relative / absolute)', width: 44, min: 36, align: 'left' },
  id: { id: 'id', label: 'Id', title: 'Postback id (the Diff picker and the API use it)', width: 40, min: 28, align: 'right' },
  direction: { id: 'direction', label: '⇅', title: 'Direction: ↓ received by the receiver, ↑ sent by the Composer / Outbox', width: 20, min: 18, align: 'center' },
  method: { id: 'method', label: 'Method', title: 'HTTP method', width: 52, min: 36, align: 'left' },
  path: { id: 'path', label: 'Path', title: 'Request path (full URL on hover)', width: 96, min: 48, align: 'left' },
  params: { id: 'params', label: 'Key params', title: 'click id, transaction id, event, payout…', width: 160, min: 80, align: 'left' },
  status: { id: 'status', label: 'Status', title: 'Status we answered (in) or the partner answered (out)', width: 44, min: 32, align: 'right' },
  size: { id: 'size', label: 'Size', title: 'Body size', width: 50, min: 36, align: 'right' },
  duration: { id: 'duration', label: 'Duration', title: 'Time to answer (in) or to get an answer (out)', width: 64, min: 40, align: 'right' },
  verdict: { id: 'verdict', label: 'Verdict', title: 'Checks verdict, repeats and refusals', width: 52, min: 36, align: 'left' },
};

/** Absolute times ("14:03:22") need more room than "42s". */
export function defaultWidth(id: ColumnId, timeMode: TimeMode): number {
  return id === 'time' && timeMode === 'absolute' ? 62 : COLUMNS[id].width;
}

export function visibleColumns(hidden: readonly ColumnId[]): ColumnId[] {
  return COLUMN_IDS.filter((id) => !hidden.includes(id));
}

/** The column that takes the space left over (and so has no drag handle): key params, else path, else the last. */
export function flexColumn(visible: readonly ColumnId[]): ColumnId | undefined {
  if (visible.includes('params')) return 'params';
  if (visible.includes('path')) return 'path';
  return visible[visible.length - 1];
}

export function columnWidth(id: ColumnId, state: Pick<ColumnsState, 'widths' | 'timeMode'>): number {
  return state.widths[id] ?? defaultWidth(id, state.timeMode);
}

/** One grid template shared by the header and every row, so cells line up by construction. */
export function gridTemplate(visible: readonly ColumnId[], state: Pick<ColumnsState, 'widths' | 'timeMode'>): string {
  const flex = flexColumn(visible);
  return visible
    .map((id) => (id === flex ? `minmax(${COLUMNS[id].min}px, 1fr)` : `${columnWidth(id, state)}px`))
    .join(' ');
}
