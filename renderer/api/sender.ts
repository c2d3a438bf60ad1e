import type {
  AttemptView,
  BulkProgress,
  BulkRunTally,
  BulkSummary,
  OutboxItem,
  OutboxState,
  RetryPolicy,
  SendPreview,
  SendProblem,
  SendResult,
  SuccessRule,
  Template,
  TemplateSpec,
  ValueGenerator,
} from '../../src/model/sender';
import { json, request } from './http';
import { openStream } from './sse';

export { SendRefusedApiError } from './http';

const body = (method: string, payload: unknown, signal?: AbortSignal): RequestInit => ({
  method,
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(payload),
  ...(signal ? { signal } : {}),
});

/** What the composer sends to preview, send and bulk: an inline template and/or a stored one's id. */
export interface SendBody {
  template?: TemplateSpec;
  templateId?: number;
  vars?: Record<string, string>;
  /** The environment `{{name}}` is replaced from (server-side). */
  environmentId?: number;
  retry?: RetryPolicy;
  success?: SuccessRule;
  timeoutMs?: number;
  timeScale?: number;
  followRedirects?: boolean;
  insecureTls?: boolean;
  sendAnyway?: boolean;
  wait?: 'none' | 'first' | 'final';
}

export interface BulkBody extends Omit<SendBody, 'wait'> {
  count: number;
  generators?: Record<string, ValueGenerator>;
  concurrency?: number;
  ratePerSecond?: number;
  /** Share (0–100) of postbacks marked to fail with a real 500 from this app's receiver. */
  failurePercent?: number;
  failureSeed?: number;
  recordBeforeSend?: boolean;
}

export interface ReplayBody {
  url?: string;
  rewriteHost?: boolean;
  timeScale?: number;
  wait?: 'none' | 'first' | 'final';
}

export interface CurlImportResult {
  template: TemplateSpec;
  warnings: string[];
  insecureTls: boolean;
}

export interface Circuit {
  key: string;
  consecutiveFailures: number;
  disabledAt: number | null;
  lastError: string | null;
}

export interface OutboxPage {
  items: OutboxItem[];
  next: string | null;
}

export interface OutboxQuery {
  state?: OutboxState;
  bulk?: string;
  /** Text in the URL, any case (server-side, so it searches past the loaded page). */
  q?: string;
  before?: string | null;
  limit?: number;
}

export const senderApi = {
  templates: () => json<Template[]>('/api/templates'),
  createTemplate: (spec: TemplateSpec) => json<Template>('/api/templates', body('POST', spec)),
  updateTemplate: (id: number, spec: TemplateSpec) => json<Template>(`/api/templates/${id}`, body('PUT', spec)),
  deleteTemplate: (id: number) => request(`/api/templates/${id}`, { method: 'DELETE' }).then(() => undefined),
  importCurl: (command: string) => json<CurlImportResult>('/api/templates/import-curl', body('POST', { command })),

  preview: (payload: SendBody, signal?: AbortSignal) => json<SendPreview>('/api/send/preview', body('POST', payload, signal)),
  send: (payload: SendBody) => json<SendResult>('/api/send', body('POST', payload)),
  replay: (exchangeId: number, payload: ReplayBody) => json<SendResult>(`/api/exchanges/${exchangeId}/replay`, body('POST', payload)),
  attemptsForExchange: (exchangeId: number, signal?: AbortSignal) =>
    json<AttemptView[]>(`/api/exchanges/${exchangeId}/attempts`, signal ? { signal } : {}),

  outbox: (query: OutboxQuery, signal?: AbortSignal) => {
    const sp = new URLSearchParams();
    sp.set('limit', String(query.limit ?? 200));
    if (query.state) sp.set('state', query.state);
    if (query.bulk) sp.set('bulk', query.bulk);
    if (query.q) sp.set('q', query.q);
    if (query.before) sp.set('before', query.before);
    return json<OutboxPage>(`/api/outbox?${sp.toString()}`, signal ? { signal } : {});
  },
  outboxItem: (id: number, signal?: AbortSignal) => json<{ item: OutboxItem; attempts: AttemptView[] }>(`/api/outbox/${id}`, signal ? { signal } : {}),
  cancel: (id: number) => json<OutboxItem>(`/api/outbox/${id}/cancel`, { method: 'POST' }),
  retryNow: (id: number) => json<OutboxItem>(`/api/outbox/${id}/retry`, { method: 'POST' }),
  bulkRuns: (signal?: AbortSignal) => json<BulkRunTally[]>('/api/outbox/bulk-runs', signal ? { signal } : {}),
  /** Every failed or disabled send of one bulk run (or of all) again, now. */
  retryFailed: (bulkId: string | null) => json<{ retried: number }>('/api/outbox/retry-failed', body('POST', bulkId ? { bulkId } : {})),
  /** Deletes delivered, failed and cancelled sends (and their recorded requests) of one run or all. */
  clearFinished: (bulkId: string | null) => json<{ deleted: number }>('/api/outbox/clear-finished', body('POST', bulkId ? { bulkId } : {})),
  circuits: () => json<Circuit[]>('/api/sender/circuits'),
  resetCircuit: (key: string) => request(`/api/sender/circuits/${encodeURIComponent(key)}`, { method: 'DELETE' }).then(() => undefined),

  startBulk: (payload: BulkBody) => json<BulkProgress>('/api/bulk', body('POST', payload)),
  bulk: (id: string) => json<BulkProgress | BulkSummary>(`/api/bulk/${encodeURIComponent(id)}`),
  cancelBulk: (id: string) => json<BulkProgress>(`/api/bulk/${encodeURIComponent(id)}/cancel`, { method: 'POST' }),
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
  return openStream<SenderEvent>('/api/sender/events', {
    onEvent: handlers.onEvent,
    onOpen: handlers.onOpen,
    // A stale token is the whole app's state (the status store has it): here, just not live.
    onState: (state) => handlers.onState(state === 'unauthorized' ? 'unavailable' : state),
  });
}
