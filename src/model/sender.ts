/**
 * Shapes of the sender (templates, macros, outbox, attempts, bulk runs) as the control API and the
 * CLI speak them. Pure types: the renderer imports them type-only.
 */
import type { RawHeaders } from './exchange.js';

/**
 * How a template marks its placeholders. Each is matched exactly, one dialect per template:
 * curly `{click_id}` (Adjust/Keitaro/Everflow), double-curly `{{click_id}}`, square `[CLICKID]`,
 * hash `#s1#` (CAKE), paren `(click-id)` (AppsFlyer style), dollar `${click_id}`, curly-arg
 * `{cl?Network Name}` (Singular), freemarker `${(click_id)!}` (Branch), double-underscore
 * `__CALLBACK_PARAM__` (TikTok), double-square `[[click_id]]` (Pollfish). Their patterns and
 * sources are in src/shared/macro-grammars.ts.
 */
export type MacroDialect = 'curly' | 'double-curly' | 'square' | 'hash' | 'paren' | 'dollar' | 'curly-arg' | 'freemarker' | 'double-underscore' | 'double-square';

export type BodyMode = 'none' | 'form' | 'json' | 'raw';

/** auto: encode once for the slot, but keep a value that is already encoded; always: encode anyway; never: insert as is. */
export type EncodeMode = 'auto' | 'always' | 'never';

/** Which failures are worth another attempt (AppsFlyer only retries server-side errors). */
export type RetryOn = 'any-failure' | '5xx-or-network';

export type RetryPreset = 'appsflyer' | 'singular' | 'adjust' | 'everflow' | 'branch' | 'tapjoy' | 'digitalturbine' | 'kochava';

export type RetryPolicy =
  | { kind: 'none' }
  | {
      kind: 'exponential';
      baseMs: number;
      factor: number;
      /** Total attempts, the first one included. */
      maxAttempts: number;
      maxDelayMs: number;
      /** 0..1: each delay is drawn from [delay × (1 − jitter), delay]. Default 0.2. */
      jitter?: number;
      retryOn?: RetryOn;
    }
  | { kind: 'schedule'; delaysMs: number[]; retryOn?: RetryOn }
  | {
      kind: 'preset';
      preset: RetryPreset;
      /** Everflow: disable the destination after this many consecutive failed postbacks (default 10, within 72 h). */
      disableAfter?: number;
      /** Kochava: the partner configuration's "Retry Attempts", 0–10 (default 10). */
      retries?: number;
    };

export interface BodyMatch {
  mode: 'equals' | 'contains' | 'regex';
  /** May hold macros (e.g. `{transaction_id}:OK`); they are expanded with the postback's values. */
  value: string;
}

/** What "delivered" means for a partner. Default: any 2xx. */
export interface SuccessRule {
  status?: '2xx' | number | number[];
  body?: BodyMatch;
}

export interface TemplateSpec {
  name: string;
  method: string;
  url: string;
  headers: RawHeaders;
  bodyMode: BodyMode;
  body: string;
  dialect: MacroDialect;
  /** Partner profile used for signing (profiles are another module's; kept for the link). */
  profileId?: number | null;
  retry?: RetryPolicy;
  success?: SuccessRule;
  /** Macro names that may be empty (every other used macro must have a value). */
  optional?: string[];
  /** Per macro name: how its value is encoded in its slot. */
  encode?: Record<string, EncodeMode>;
  /** Values used when the send does not give one. */
  defaults?: Record<string, string>;
  timeoutMs?: number;
  followRedirects?: boolean;
  /** Header carrying the same key on every attempt of one postback; null sends none. Default `Idempotency-Key`. */
  idempotencyHeader?: string | null;
}

export interface Template extends TemplateSpec {
  id: number;
  createdAt: number;
  updatedAt: number;
}

/** Where a macro sits in the request, which decides its encoding. */
export type Slot =
  | 'origin'
  | 'path'
  | 'query-name'
  | 'query-value'
  | 'fragment'
  | 'header-name'
  | 'header-value'
  | 'json-string'
  | 'json-bare'
  | 'form-name'
  | 'form-value'
  | 'raw-body'
  | 'success-body';

export type AppliedEncoding =
  | 'percent-encoded'
  | 'path-encoded'
  | 'form-encoded'
  | 'already-encoded'
  | 'json-escaped'
  | 'json-literal'
  | 'json-quoted'
  | 'raw';

export interface MacroUse {
  /** The token as written, e.g. `[CLICKID]`. */
  token: string;
  name: string;
  slot: Slot;
  /** The value before encoding; null when the macro is unknown. */
  value: string | null;
  /** What went into the request. */
  inserted: string;
  encoding: AppliedEncoding;
  source: 'var' | 'default' | 'builtin' | 'unknown';
}

export type ProblemCode = 'unknown-macro' | 'unknown-variable' | 'empty-value' | 'unreplaced-macro' | 'invalid-url' | 'invalid-header' | 'invalid-json' | 'invalid-method' | 'signature';

export interface SendProblem {
  code: ProblemCode;
  message: string;
  token?: string;
  slot?: Slot;
}

export type Transport = 'pooled' | 'exact';

/** The fully expanded request, exactly as it will go on the wire. */
export interface SendPreview {
  method: string;
  url: string;
  transport: Transport;
  /** Headers as the transport writes them (Host, Connection, Content-Length included). */
  rawHeaders: RawHeaders;
  /** base64 */
  body: string;
  /** UTF-8 text of the body when it is valid UTF-8. */
  bodyText: string | null;
  macros: MacroUse[];
  problems: SendProblem[];
  success: SuccessRule;
  retry: RetryPolicy;
  notes: string[];
}

export type OutboxState = 'pending' | 'in_flight' | 'delivered' | 'failed' | 'cancelled' | 'disabled';

export interface OutboxItem {
  id: number;
  exchangeId: number;
  templateId: number | null;
  /** The captured exchange this send replays, if any. */
  sourceExchangeId: number | null;
  bulkId: string | null;
  method: string;
  url: string;
  transport: Transport;
  state: OutboxState;
  attempts: number;
  nextAttemptAt: number | null;
  createdAt: number;
  updatedAt: number;
  deliveredAt: number | null;
  lastStatus: number | null;
  lastError: string | null;
  idempotencyKey: string;
  correlation: string | null;
  retry: RetryPolicy;
  timeScale: number;
}

/**
 * `unknown`: the app stopped (crash, kill, a close that could not wait) while the attempt was in
 * flight, so nobody knows whether the partner got it; the retry policy decides whether it is sent
 * again, with the same idempotency key.
 */
export type AttemptOutcome = 'delivered' | 'retry' | 'failed' | 'disabled' | 'unknown';

export interface AttemptView {
  id: number;
  outboxId: number;
  number: number;
  startedAt: number;
  durationMs: number;
  status: number | null;
  error: string | null;
  errorCode: string | null;
  outcome: AttemptOutcome;
  /** Why the attempt counts as delivered or not (which success rule matched or failed). */
  verdict: string;
  nextAttemptAt: number | null;
  responseHeaders: RawHeaders;
  /** base64 */
  responseBody: string;
  responseTruncated: boolean;
}

export interface SendResult {
  outbox: OutboxItem;
  attempts: AttemptView[];
  delivered: boolean;
  preview: SendPreview;
}

export type ValueGenerator =
  | { kind: 'sequence'; start?: number; step?: number; prefix?: string; pad?: number }
  | { kind: 'list'; values: string[]; order?: 'random' | 'cycle' }
  | { kind: 'uuid' }
  | { kind: 'random-number'; min?: number; max?: number; decimals?: number };

export interface LatencySummary {
  p50: number;
  p90: number;
  p99: number;
  mean: number;
  max: number;
}

export interface BulkProgress {
  bulkId: string;
  total: number;
  /** Conversions handed to the outbox (first attempt started). */
  sent: number;
  /** Conversions whose postback reached a final state. */
  completed: number;
  delivered: number;
  failed: number;
  /** Conversions not sent because their expansion had problems. */
  refused: number;
  /** Sent conversions that carried the failure marker (the run's `failurePercent`). */
  injected: number;
  done: boolean;
}

export interface BulkSummary extends BulkProgress {
  /** delivered ÷ total conversions (the field's definition of Delivery Rate). */
  deliveryRate: number;
  /** Time from conversion to delivered postback, delivered ones only. */
  latencyMs: LatencySummary | null;
  durationMs: number;
  perSecond: number;
  /** Attempts of the run's postbacks when it finished (first attempts and retries). */
  attempts: number;
  /** Postbacks that needed more than one attempt: "0 failed" can hide a partner that only answered on retry. */
  retried: number;
  /** The run's deliberate failures (X-Postback-Inspector-Fail on the chosen postbacks), or null. */
  failureInjection: { percent: number; seed: number } | null;
}

/** A bulk run's sends as the outbox holds them now (retries after the run's end included). */
export interface BulkRunTally {
  bulkId: string;
  sends: number;
  delivered: number;
  failed: number;
  disabled: number;
  cancelled: number;
  /** Pending or in flight. */
  open: number;
  attempts: number;
  /** Sends with more than one attempt. */
  retried: number;
  firstAt: number;
  lastAt: number;
}

/** How one queued postback is delivered and judged; fixed when it is queued, so a restart resumes it unchanged. */
export interface OutboxSettings {
  retry: RetryPolicy;
  /** With the body value already expanded. */
  success: SuccessRule;
  timeoutMs: number;
  followRedirects: boolean;
  insecureTls: boolean;
  /** Retry delays are divided by this (1000 runs a 24 h plan in 86 s). */
  timeScale: number;
}
