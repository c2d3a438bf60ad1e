import Type from 'typebox';
import type {
  AttemptView,
  BulkProgress,
  BulkRunTally,
  BulkSummary,
  OutboxItem,
  RetryPolicy,
  SendPreview,
  SendResult,
  SuccessRule,
  Template,
  TemplateSpec,
  ValueGenerator,
} from '../../../model/sender.js';
import { defineRoutes, IdParams, NoContent, queryWords, typed } from '../route.js';

const tags = ['sender'];

/** What preview, send and bulk take: an inline template and/or a stored one's id (src/sender/api-input.ts checks it). */
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
  /** Write each postback before it leaves, as single sends do (slower). */
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

export interface SenderStatus {
  writer: 'thread' | 'main';
  inFlight: number;
  retriesInFlight: number;
  bulkRuns: number;
}

const template = typed<Template>('A stored template');
const templateSpec = typed<TemplateSpec>('A template: method, url, headers, body, macro dialect… (400 names the problem)');
const sendResult = typed<SendResult>('The outbox item, and the answer when `wait` asked for it; 422 SEND_REFUSED lists the problems beside the preview');
const outboxItem = typed<OutboxItem>('The send after the action');
const bulkIdBody = typed<{ bulkId?: string | null }>('`{bulkId}` for one bulk run; absent or null for all', { type: 'object', properties: { bulkId: { type: ['string', 'null'] } } });
const BulkIdParams = Type.Object({ id: Type.String({ description: 'A bulk run id' }) });

export const senderRoutes = defineRoutes({
  listTemplates: { method: 'GET', path: '/api/templates', description: 'Outbound postback templates', tags, status: 200, response: typed<Template[]>('Every template', { type: 'array' }) },
  createTemplate: { method: 'POST', path: '/api/templates', description: 'Create a template', tags, input: templateSpec, status: 201, response: template },
  getTemplate: { method: 'GET', path: '/api/templates/:id', tags, params: IdParams, status: 200, response: template },
  updateTemplate: { method: 'PUT', path: '/api/templates/:id', description: 'Replace a template', tags, params: IdParams, input: templateSpec, status: 200, response: template },
  deleteTemplate: { method: 'DELETE', path: '/api/templates/:id', tags, params: IdParams, status: 204, response: NoContent },
  importCurl: {
    method: 'POST',
    path: '/api/templates/import-curl',
    description: 'Parse a `curl …` command into a template; `save: true` stores it (answered 201 with `saved`)',
    tags,
    input: typed<{ command: string; save?: boolean }>('{command, save?}', { type: 'object', required: ['command'], properties: { command: { type: 'string' }, save: { type: 'boolean' } } }),
    status: 200,
    response: typed<CurlImportResult & { saved?: Template }>('The template, what could not be carried over, and the stored template when saved'),
  },
  previewSend: {
    method: 'POST',
    path: '/api/send/preview',
    description: 'The fully expanded request, its problems and notes; nothing is sent',
    tags,
    input: typed<SendBody>('An inline `template` and/or a `templateId`, `vars` and send options'),
    status: 200,
    response: typed<SendPreview>('The request as it would be sent, with problems and notes'),
  },
  send: {
    method: 'POST',
    path: '/api/send',
    description: 'Send a postback; 422 SEND_REFUSED lists unknown/unreplaced macros and empty values (`sendAnyway` overrides)',
    tags,
    input: typed<SendBody>('An inline `template` and/or a `templateId`, `vars` and send options'),
    status: 200,
    response: sendResult,
  },
  replayExchange: {
    method: 'POST',
    path: '/api/exchanges/:id/replay',
    description: 'Send a captured exchange again, byte-exact by default or with edits; linked to its source',
    tags,
    params: IdParams,
    input: typed<ReplayBody>('{url?, rewriteHost?, timeScale?, wait?}'),
    status: 200,
    response: sendResult,
  },
  listExchangeAttempts: {
    method: 'GET',
    path: '/api/exchanges/:id/attempts',
    description: 'Delivery attempts of an outbound exchange (its timeline)',
    tags,
    params: IdParams,
    status: 200,
    response: typed<AttemptView[]>('Attempts, oldest first', { type: 'array' }),
  },
  listOutbox: {
    method: 'GET',
    path: '/api/outbox',
    description: 'Queued and past sends, newest first; `state`, `bulk`, `q` (text in the URL, any case), `before` cursor, `limit`',
    tags,
    querystring: queryWords({ state: 'pending, in_flight, delivered, failed, cancelled or disabled', bulk: 'A bulk run id', q: 'Text in the URL, any case', before: 'Cursor from a previous page', limit: 'Page size, 1 to 1000 (default 100)' }),
    status: 200,
    response: typed<OutboxPage>('{items, next}'),
  },
  listBulkRuns: {
    method: 'GET',
    path: '/api/outbox/bulk-runs',
    description: 'The newest bulk runs with their sends counted by state, attempts and retried sends; `limit` (default 50)',
    tags,
    querystring: queryWords({ limit: 'How many runs, 1 to 500 (default 50)' }),
    status: 200,
    response: typed<BulkRunTally[]>('One tally per run, newest first', { type: 'array' }),
  },
  retryFailedSends: {
    method: 'POST',
    path: '/api/outbox/retry-failed',
    description: 'Send every failed or disabled send again now, of one bulk run (`bulkId`) or all; answers {retried}',
    tags,
    input: bulkIdBody,
    status: 200,
    response: Type.Object({ retried: Type.Integer() }),
  },
  clearFinishedSends: {
    method: 'POST',
    path: '/api/outbox/clear-finished',
    description: 'Delete delivered, failed and cancelled sends (with their recorded requests) finished by now, of one bulk run (`bulkId`) or all; answers {deleted}',
    tags,
    input: bulkIdBody,
    status: 200,
    response: Type.Object({ deleted: Type.Integer() }),
  },
  getOutboxItem: {
    method: 'GET',
    path: '/api/outbox/:id',
    description: 'One send with its attempts',
    tags,
    params: IdParams,
    status: 200,
    response: typed<{ item: OutboxItem; attempts: AttemptView[] }>('{item, attempts}'),
  },
  cancelSend: { method: 'POST', path: '/api/outbox/:id/cancel', description: 'Cancel a pending or retrying send', tags, params: IdParams, status: 200, response: outboxItem },
  retrySend: { method: 'POST', path: '/api/outbox/:id/retry', description: 'Send now: a pending retry early, or a failed/cancelled/disabled send again', tags, params: IdParams, status: 200, response: outboxItem },
  getSenderStatus: { method: 'GET', path: '/api/sender/status', description: 'Writer (thread or main connection), sends in flight, running bulk runs', tags, status: 200, response: typed<SenderStatus>('The sender at work') },
  listCircuits: {
    method: 'GET',
    path: '/api/sender/circuits',
    description: 'Destinations and their consecutive failures; disabled ones are not sent to',
    tags,
    status: 200,
    response: typed<Circuit[]>('One circuit per destination', { type: 'array' }),
  },
  resetCircuit: {
    method: 'DELETE',
    path: '/api/sender/circuits/:key',
    description: 'Re-enable a disabled destination',
    tags,
    params: Type.Object({ key: Type.String({ description: 'The destination key, URL-encoded' }) }),
    status: 204,
    response: NoContent,
  },
  startBulk: {
    method: 'POST',
    path: '/api/bulk',
    description: 'Simulate N conversions; answers 202 at once, progress via GET /api/bulk/:id or the sender events',
    tags,
    input: typed<BulkBody>('A send body with `count`, `generators`, `concurrency`, `ratePerSecond`'),
    status: 202,
    response: typed<BulkProgress>('The run, just started'),
  },
  getBulk: { method: 'GET', path: '/api/bulk/:id', description: 'Progress, then the summary once done', tags, params: BulkIdParams, status: 200, response: typed<BulkProgress | BulkSummary>('Progress, or the summary once done') },
  cancelBulk: { method: 'POST', path: '/api/bulk/:id/cancel', description: 'Stop starting new conversions', tags, params: BulkIdParams, status: 200, response: typed<BulkProgress>('The run, stopping') },
});
