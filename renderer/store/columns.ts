import { createStore } from 'zustand/vanilla';
import { createJSONStorage, persist } from 'zustand/middleware';

/**
 * The Inbox list's columns: which are shown, how wide, and how time reads. Kept apart from the
 * general settings store (which the Settings view owns) so each persists and migrates on its own.
 */
export const COLUMN_IDS = ['time', 'id', 'direction', 'method', 'path', 'params', 'status', 'size', 'duration', 'verdict'] as const;
export type ColumnId = (typeof COLUMN_IDS)[number];
export type TimeMode = 'relative' | 'absolute';

export interface ColumnsState {
  hidden: ColumnId[];
  /** Widths the user dragged to, in px; a column without one uses its default. */
  widths: Partial<Record<ColumnId, number>>;
  timeMode: TimeMode;
}

/**
 * Opt-in: most postbacks are GETs without a body, and answer times matter only when chasing
 * timeouts; hiding both by default leaves the key params room for two named chips.
 */
const DEFAULT_HIDDEN: ColumnId[] = ['size', 'duration'];

export const columnsStore = createStore<ColumnsState>()(
  persist(() => ({ hidden: DEFAULT_HIDDEN, widths: {}, timeMode: 'relative' as TimeMode }), {
    name: 'postback-inspector.columns',
    storage: createJSONStorage(() => localStorage),
    version: 1,
  }),
);

export function toggleColumn(id: ColumnId): void {
  const { hidden } = columnsStore.getState();
  columnsStore.setState({ hidden: hidden.includes(id) ? hidden.filter((h) => h !== id) : [...hidden, id] });
}

export function setColumnWidth(id: ColumnId, px: number): void {
  columnsStore.setState((s) => ({ widths: { ...s.widths, [id]: Math.round(px) } }));
}

export function resetColumnWidth(id: ColumnId): void {
  columnsStore.setState((s) => {
    const widths = { ...s.widths };
    delete widths[id];
    return { widths };
  });
}

export function resetColumns(): void {
  columnsStore.setState({ hidden: DEFAULT_HIDDEN, widths: {} });
}

export function setTimeMode(timeMode: TimeMode): void {
  columnsStore.setState({ timeMode });
}
