import type { AttemptView, BulkProgress, BulkSummary, OutboxItem, OutboxState, TemplateSpec } from '../../src/model/sender';
import { streamPaths } from '../../src/shared/api/index';
import type { BulkBody, ReplayBody, SendBody } from '../../src/shared/api/routes/sender';
import { callApi } from './call';
import { openStream } from './sse';

export { SendRefusedApiError } from './http';
export type { BulkBody, Circuit, CurlImportResult, OutboxPage, ReplayBody, SendBody } from '../../src/shared/api/routes/sender';

export interface OutboxQuery {
  state?: OutboxState;
  bulk?: string;
  /** Text in the URL, any case (server-side, so it searches past the loaded page). */
  q?: string;
  before?: string | null;
  limit?: number;
}

export const senderApi = {
  templates: () => callApi('listTemplates'),
  createTemplate: (spec: TemplateSpec) => callApi('createTemplate', { body: spec }),
  updateTemplate: (id: number, spec: TemplateSpec) => callApi('updateTemplate', { params: { id }, body: spec }),
  deleteTemplate: (id: number) => callApi('deleteTemplate', { params: { id } }),
  importCurl: (command: string) => callApi('importCurl', { body: { command } }),

  preview: (payload: SendBody, signal?: AbortSignal) => callApi('previewSend', { body: payload, signal }),
  send: (payload: SendBody) => callApi('send', { body: payload }),
  replay: (exchangeId: number, payload: ReplayBody) => callApi('replayExchange', { params: { id: exchangeId }, body: payload }),
  attemptsForExchange: (exchangeId: number, signal?: AbortSignal) => callApi('listExchangeAttempts', { params: { id: exchangeId }, signal }),

  outbox: (query: OutboxQuery, signal?: AbortSignal) =>
    callApi('listOutbox', { query: { limit: query.limit ?? 200, state: query.state, bulk: query.bulk || undefined, q: query.q || undefined, before: query.before || undefined }, signal }),
  outboxItem: (id: number, signal?: AbortSignal) => callApi('getOutboxItem', { params: { id }, signal }),
  cancel: (id: number) => callApi('cancelSend', { params: { id } }),
  retryNow: (id: number) => callApi('retrySend', { params: { id } }),
  bulkRuns: (signal?: AbortSignal) => callApi('listBulkRuns', { signal }),
  /** Every failed or disabled send of one bulk run (or of all) again, now. */
  retryFailed: (bulkId: string | null) => callApi('retryFailedSends', { body: bulkId ? { bulkId } : {} }),
  /** Deletes delivered, failed and cancelled sends (and their recorded requests) of one run or all. */
  clearFinished: (bulkId: string | null) => callApi('clearFinishedSends', { body: bulkId ? { bulkId } : {} }),
  circuits: () => callApi('listCircuits'),
  resetCircuit: (key: string) => callApi('resetCircuit', { params: { key } }),

  startBulk: (payload: BulkBody) => callApi('startBulk', { body: payload }),
  bulk: (id: string) => callApi('getBulk', { params: { id } }),
  cancelBulk: (id: string) => callApi('cancelBulk', { params: { id } }),
};

// ---------------------------------------------------------------- events

export type SenderEvent =
  | { type: 'outbox'; payload: OutboxItem }
  | { type: 'attempt'; payload: AttemptView & { bulkId: string | null } }
  | { type: 'bulk-progress'; payload: BulkProgress }
  | { type: 'bulk-done'; payload: BulkSummary };

export type SenderStreamState = 'connecting' | 'live' | 'retrying' | 'unavailable';

/** `GET /api/sender/events`; `onOpen` runs on every (re)connect because events may have been missed meanwhile. */
export function openSenderEvents(handlers: { onEvent: (event: SenderEvent) => void; onState: (state: SenderStreamState) => void; onOpen: () => void }): () => void {
  return openStream<SenderEvent>(streamPaths.senderEvents, {
    onEvent: handlers.onEvent,
    onOpen: handlers.onOpen,
    // A stale token is the whole app's state (the status store has it): here, just not live.
    onState: (state) => handlers.onState(state === 'unauthorized' ? 'unavailable' : state),
  });
}
