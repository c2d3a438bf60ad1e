import type {
  AttemptView,
  BulkProgress,
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
import { statusStore } from '../store/status';
import { ApiError, authHeaders } from './client';
import { apiBase } from './token';

/** `POST /api/send` answered 422 SEND_REFUSED: the problems, and the preview that shows where they are. */
export class SendRefusedApiError extends ApiError {
  constructor(
    message: string,
    readonly problems: SendProblem[],
    readonly preview: SendPreview | null,
  ) {
    super(message, 422, 'SEND_REFUSED');
    this.name = 'SendRefusedApiError';
  }
}

const unreachable = () => new ApiError('The inspector is not reachable. Is `postback-inspector serve` still running?', 0);

async function request(path: string, init: RequestInit = {}): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(`${apiBase()}${path}`, { ...init, headers: { ...authHeaders(), ...init.headers } });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw unreachable();
  }
  if (res.ok) return res;
  if (res.status === 401) statusStore.setState({ unauthorized: true });
  throw await toError(res);
}

/** `{ error: { code, message, problems? }, preview? }` → an error that keeps what the UI points at. */
async function toError(res: Response): Promise<ApiError> {
  let message = `${res.status} ${res.statusText}`.trim();
  let code: string | null = null;
  try {
    const body = (await res.json()) as { error?: { code?: unknown; message?: unknown; problems?: unknown }; preview?: unknown };
    const err = body.error;
    if (typeof err?.message === 'string') message = err.message;
    if (typeof err?.code === 'string') code = err.code;
    if (code === 'SEND_REFUSED') {
      const problems = Array.isArray(err?.problems) ? (err.problems as SendProblem[]) : [];
      return new SendRefusedApiError(message, problems, (body.preview as SendPreview | null | undefined) ?? null);
    }
  } catch {
    // Not JSON: the status line is all we have.
  }
  if (res.status === 404 && code === null) message = `${message}: the sender API is not available on this server`;
  return new ApiError(message, res.status, code);
}

async function json<T>(path: string, init?: RequestInit): Promise<T> {
  return (await (await request(path, init)).json()) as T;
}

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
    if (query.before) sp.set('before', query.before);
    return json<OutboxPage>(`/api/outbox?${sp.toString()}`, signal ? { signal } : {});
  },
  outboxItem: (id: number, signal?: AbortSignal) => json<{ item: OutboxItem; attempts: AttemptView[] }>(`/api/outbox/${id}`, signal ? { signal } : {}),
  cancel: (id: number) => json<OutboxItem>(`/api/outbox/${id}/cancel`, { method: 'POST' }),
  retryNow: (id: number) => json<OutboxItem>(`/api/outbox/${id}/retry`, { method: 'POST' }),
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

const MIN_DELAY = 500;
const MAX_DELAY = 10_000;

/**
 * `GET /api/sender/events` over fetch (EventSource cannot send the token). Reconnects with backoff;
 * `onOpen` runs on every (re)connect because events may have been missed meanwhile.
 */
export function openSenderEvents(handlers: {
  onEvent: (event: SenderEvent) => void;
  onState: (state: SenderStreamState) => void;
  onOpen: () => void;
}): () => void {
  const abort = new AbortController();
  let delay = MIN_DELAY;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const connect = async () => {
    handlers.onState('connecting');
    let unavailable = false;
    try {
      const res = await fetch(`${apiBase()}/api/sender/events`, {
        headers: { ...authHeaders(), Accept: 'text/event-stream' },
        signal: abort.signal,
        cache: 'no-store',
      });
      if (res.status === 401) {
        statusStore.setState({ unauthorized: true });
        return;
      }
      unavailable = res.status === 404;
      if (!res.ok || !res.body) throw new Error(`sender events: ${res.status}`);
      delay = MIN_DELAY;
      handlers.onState('live');
      handlers.onOpen();
      await readEvents(res.body, handlers.onEvent);
    } catch {
      // Dropped or not there (yet): retry below.
    }
    if (abort.signal.aborted) return;
    handlers.onState(unavailable ? 'unavailable' : 'retrying');
    timer = setTimeout(() => void connect(), unavailable ? MAX_DELAY : delay);
    delay = Math.min(delay * 2, MAX_DELAY);
  };

  void connect();
  return () => {
    abort.abort();
    clearTimeout(timer);
  };
}

async function readEvents(stream: ReadableStream<Uint8Array>, onEvent: (e: SenderEvent) => void): Promise<void> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, '\n');
    let end: number;
    while ((end = buffer.indexOf('\n\n')) !== -1) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = block
        .split('\n')
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(line[5] === ' ' ? 6 : 5))
        .join('\n');
      if (!data) continue;
      try {
        onEvent(JSON.parse(data) as SenderEvent);
      } catch {
        // One malformed event must not end the stream.
      }
    }
  }
}
