import type { BulkProgress, BulkSummary, ValueGenerator } from '../../src/model/sender';
import { errorMessage } from '../api/client';
import { SendRefusedApiError, senderApi } from '../api/sender';
import { composerStore, DEFAULT_BULK, draftKey, type BulkConfig, type ComposerState } from './composer';
import { sendBody } from './composer-send';
import { outboxStore } from './outbox';

/** The Composer's Bulk tab: a run's settings per template, starting, following and cancelling a run. */

export function currentBulkConfig(s: ComposerState = composerStore.getState()): BulkConfig {
  return s.bulkConfigs[draftKey(s.selected)] ?? DEFAULT_BULK;
}

export function editBulkConfig(mutate: (c: BulkConfig) => void): void {
  composerStore.setState((s) => {
    const config = structuredClone(currentBulkConfig(s));
    mutate(config);
    return { bulkConfigs: { ...s.bulkConfigs, [draftKey(s.selected)]: config } };
  });
}

export async function startBulk(): Promise<void> {
  const s = composerStore.getState();
  if (s.bulkStarting) return;
  const config = currentBulkConfig(s);
  const generators: Record<string, ValueGenerator> = {};
  for (const [name, g] of Object.entries(config.generators)) if (g.kind !== 'fixed') generators[name] = g;
  const base = sendBody(s);
  composerStore.setState({ bulkStarting: true, bulkError: null });
  try {
    const progress = await senderApi.startBulk({
      ...base,
      count: config.count,
      concurrency: config.concurrency,
      ...(config.ratePerSecond > 0 ? { ratePerSecond: config.ratePerSecond } : {}),
      ...(config.useRetry && base.template?.retry ? { retry: base.template.retry } : {}),
      ...(config.failurePercent ? { failurePercent: config.failurePercent, failureSeed: config.failureSeed ?? 1 } : {}),
      ...(config.recordBeforeSend ? { recordBeforeSend: true } : {}),
      generators,
    });
    bulkSeen(progress);
    composerStore.setState({ bulkStarting: false, bulkRunId: progress.bulkId });
  } catch (err) {
    const message = err instanceof SendRefusedApiError ? `Not started: ${err.problems.map((p) => p.message).join('; ') || err.message}` : errorMessage(err);
    composerStore.setState({ bulkStarting: false, bulkError: message });
  }
}

function bulkSeen(run: BulkProgress | BulkSummary): void {
  outboxStore.setState((o) => {
    const before = o.bulk[run.bulkId];
    if (before && 'deliveryRate' in before && !('deliveryRate' in run)) return {};
    return { bulk: { ...o.bulk, [run.bulkId]: run } };
  });
}

/** After a reconnect, or when the stream missed the end: ask for the run (its summary once done). */
export async function refreshBulk(): Promise<void> {
  const id = composerStore.getState().bulkRunId;
  if (!id) return;
  try {
    bulkSeen(await senderApi.bulk(id));
  } catch (err) {
    composerStore.setState({ bulkError: errorMessage(err) });
  }
}

export async function cancelBulk(): Promise<void> {
  const id = composerStore.getState().bulkRunId;
  if (!id) return;
  try {
    bulkSeen(await senderApi.cancelBulk(id));
  } catch (err) {
    composerStore.setState({ bulkError: errorMessage(err) });
  }
}
