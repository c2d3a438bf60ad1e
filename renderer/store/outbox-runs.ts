import { createStore } from 'zustand/vanilla';
import type { BulkRunTally } from '../../src/model/sender';
import { errorMessage } from '../api/client';
import { senderApi } from '../api/sender';
import { plural } from '../lib/format';
import { loadOutbox, outboxStore, selectOutbox } from './outbox';

/**
 * The Outbox's bulk-run groups and its actions over many sends (retry all failed, clear
 * finished). Separate from the list store: these are counts and one-off actions, not rows.
 */
export interface OutboxRunsState {
  /** Each run's counts as the outbox holds them now, by run id. */
  tallies: Record<string, BulkRunTally>;
  /** Runs whose sends are shown; a run starts folded to its header (a run can be thousands of rows). */
  expanded: Record<string, true>;
  /** The last action's outcome, said once under the toolbar. */
  notice: { tone: 'ok' | 'error'; text: string } | null;
  busy: 'retry' | 'clear' | null;
}

export const outboxRunsStore = createStore<OutboxRunsState>()(() => ({ tallies: {}, expanded: {}, notice: null, busy: null }));

const set = (patch: Partial<OutboxRunsState> | ((s: OutboxRunsState) => Partial<OutboxRunsState>)) => outboxRunsStore.setState(patch);

/** While a run still has open sends (a retry going on), its counts are read again this often. */
const openRunPollMs = 1000;
let pollTimer: ReturnType<typeof setTimeout> | undefined;
let watching = 0;

export async function loadBulkRuns(): Promise<void> {
  clearTimeout(pollTimer);
  try {
    const list = await senderApi.bulkRuns();
    const before = outboxRunsStore.getState().tallies;
    set({ tallies: Object.fromEntries(list.map((t) => [t.bulkId, t])) });
    // Retries of bulk sends are not announced one by one (runs report as a whole): follow them here.
    const open = list.some((t) => t.open > 0);
    const changed = list.some((t) => before[t.bulkId] !== undefined && before[t.bulkId]!.lastAt !== t.lastAt);
    if (changed) void loadOutbox();
    if (open && watching > 0) pollTimer = setTimeout(() => void loadBulkRuns(), openRunPollMs);
  } catch {
    // The groups still show their loaded rows; the counts come back with the next load.
  }
}

/** The Outbox view follows open runs only while it is shown. */
export function watchBulkRuns(): () => void {
  watching++;
  void loadBulkRuns();
  return () => {
    watching--;
    if (watching === 0) clearTimeout(pollTimer);
  };
}

export function toggleRun(bulkId: string): void {
  set((s) => {
    const expanded = { ...s.expanded };
    if (expanded[bulkId]) delete expanded[bulkId];
    else expanded[bulkId] = true;
    return { expanded };
  });
}

/** "Retry all failed": every failed or disabled send of one run (or of all) is sent again now. */
export async function retryAllFailed(bulkId: string | null): Promise<void> {
  set({ busy: 'retry', notice: null });
  try {
    const { retried } = await senderApi.retryFailed(bulkId);
    set({ notice: { tone: 'ok', text: retried === 0 ? 'No failed sends to retry.' : `${plural(retried, 'failed send')} queued again.` } });
    await Promise.all([loadOutbox(), loadBulkRuns()]);
  } catch (err) {
    set({ notice: { tone: 'error', text: `Could not retry: ${errorMessage(err)}` } });
  } finally {
    set({ busy: null });
  }
}

/** "Clear finished": delivered, failed and cancelled sends (with their recorded requests) go; open ones stay. */
export async function clearFinished(bulkId: string | null): Promise<void> {
  set({ busy: 'clear', notice: null });
  try {
    const { deleted } = await senderApi.clearFinished(bulkId);
    set({ notice: { tone: 'ok', text: deleted === 0 ? 'Nothing finished to clear.' : `Cleared ${plural(deleted, 'finished send')}.` } });
    await Promise.all([loadOutbox(), loadBulkRuns()]);
    // The selected send may be gone with them.
    const { selected, items } = outboxStore.getState();
    if (selected !== null && !items.some((i) => i.id === selected)) selectOutbox(null);
  } catch (err) {
    set({ notice: { tone: 'error', text: `Could not clear: ${errorMessage(err)}` } });
  } finally {
    set({ busy: null });
  }
}
