import { api, ApiError } from '../../api/client';
import { exchangesStore } from '../../store/exchanges';
import { cancelPending, configureCommit, keepPendingHidden, scheduleClear, type PendingDeletesState } from '../../store/pending-deletes';
import { select } from '../../store/selection';
import { statusStore } from '../../store/status';
import { forgetDetail } from '../exchange-detail/use-exchange-detail';
import { reload } from './sync';

async function send(s: PendingDeletesState): Promise<void> {
  try {
    if (s.through !== null) await api.clear(s.through);
    for (const id of s.ids) {
      try {
        await api.remove(id);
      } catch (err) {
        // Already gone (retention, another window): that is what was asked for.
        if (!(err instanceof ApiError && err.status === 404)) throw err;
      }
    }
    for (const id of s.ids) forgetDetail(id);
  } catch (err) {
    // Whatever was not deleted must show again.
    void reload();
    throw err;
  }
}

/** Wires the undo window to the API and the list; App mounts it once. */
export function startUndo(): () => void {
  configureCommit(send);
  return keepPendingHidden();
}

/** Single deletes go back where they were (scroll kept); a clear reloads the list. */
export function undoPending(): void {
  const s = cancelPending();
  const { items, next } = exchangesStore.getState();
  const oldest = items[items.length - 1]?.id ?? 0;
  // A row older than the loaded pages belongs to a page not fetched yet: paging brings it.
  const back = s.rows.filter((r) => next === null || r.id > oldest);
  if (s.kind === 'delete' && back.length === s.rows.length && s.rows.length === s.ids.length) {
    const restored = new Set(back.map((r) => r.id));
    exchangesStore.setState({ items: [...items.filter((r) => !restored.has(r.id)), ...back].sort((a, b) => b.id - a.id) });
  } else void reload();
  if (s.kind === 'delete' && s.ids.length === 1) select(s.ids[0]!);
}

/**
 * Clear everything that is stored now; rows arriving during the undo window are kept. The count is
 * the status Clear asked afresh when it opened (the pushed one can lag a delete), kept current by pushes since.
 */
export async function clearAll(): Promise<void> {
  const page = await api.list({ limit: 1 });
  const newest = page.items[0]?.id;
  if (newest === undefined) return;
  const status = statusStore.getState().status ?? (await api.status());
  scheduleClear(newest, status.exchangeCount);
  select(null);
}
