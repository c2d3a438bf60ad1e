import type { Signer } from './sign-request.js';
import type { RawHeaders } from '../model/exchange.js';
import type {
  AttemptView,
  BulkProgress,
  BulkRunTally,
  BulkSummary,
  OutboxItem,
  OutboxState,
  SendPreview,
  SendProblem,
  SendResult,
  TemplateSpec,
  ValueGenerator,
} from '../model/sender.js';
import type { CoreEvents } from '../events.js';
import type { ExchangesRepository } from '../store/exchanges-repository.js';
import type { Db } from '../store/open-database.js';
import type { Circuit, OutboxFilter } from '../store/outbox-repository.js';
import type { TemplatesRepository } from '../store/templates-repository.js';
import type { TemplateEnvironment } from './environment-variables.js';
import type { SendOverrides } from './requests.js';
import type { SenderEventMap } from './sender-events.js';

export interface SenderConfig {
  /** Retry delays are divided by this (1000 turns a 24 h plan into 86 s). Default 1. */
  timeScale?: number;
  /** Per request: connect, response head and body together. Default 10 000 ms. */
  timeoutMs?: number;
  /** Partners like Adjust do not follow redirects, so neither do we by default. */
  followRedirects?: boolean;
  maxRedirects?: number;
  /** Accept self-signed/expired certificates (test servers only). Default false. */
  insecureTls?: boolean;
  /** Keep-alive sockets per destination origin. Default 64. */
  connectionsPerOrigin?: number;
  /** Response bodies are stored up to this size. Default 1 MiB. */
  maxResponseBytes?: number;
  /** Retries delivered at once by the outbox worker. Default 32. */
  maxConcurrentRetries?: number;
  /** Header carrying the per-postback idempotency key; null sends none. Default `Idempotency-Key`. */
  idempotencyHeader?: string | null;
  /**
   * Resume the outbox's existing sends on start (default true). False: only the sends this sender
   * queued are delivered and retried (a CLI run sharing the app's data folder must not send the app's).
   */
  resume?: boolean;
  /**
   * Write bulk runs' records from a worker thread with its own SQLite connection (default true),
   * so thousands of postbacks a second do not wait on SQLite in the event loop. Falls back to the
   * main connection for in-memory databases or when the thread cannot open the file.
   */
  writerThread?: boolean;
}

export interface SenderDeps {
  db: Db;
  exchanges: ExchangesRepository;
  /** Out exchanges are announced as `committed`, like captures, so the inbox shows them live. */
  events: CoreEvents;
  /** The core's derivation pipeline, told when out exchanges were written. */
  derived?: { committed(count: number, maxId: number): void };
  /** The better-sqlite3 binary for this runtime (Electron), for the writer thread's connection. */
  nativeBinding?: string;
  config?: SenderConfig;
  /** Signs sends whose template names a profile (the core passes the profiles' signer). */
  signer?: Signer;
  /** An environment's variables in clear, by id (the core passes its environments); null when there is none. */
  environments?: (id: number) => SenderEnvironment | null;
}

/** The variables `{{name}}` is replaced from, and which values are secret (masked in every preview). */
export interface SenderEnvironment extends TemplateEnvironment {
  secrets: readonly string[];
}

export type WaitFor = 'none' | 'first' | 'final';

export interface SendInput extends SendOverrides {
  /** An inline template (the composer's current state)… */
  template?: TemplateSpec;
  /** …or a stored one. */
  templateId?: number;
  vars?: Record<string, string>;
  /** The environment `{{name}}` is replaced from. */
  environmentId?: number;
  /** Send even with unknown/unreplaced macros or empty values. */
  sendAnyway?: boolean;
  /** Answer once queued, after the first attempt (default), or at the final state. */
  wait?: WaitFor;
}

export interface ReplayInput extends Omit<SendOverrides, 'followRedirects'> {
  /** Destination: an origin keeps the captured target; a URL with a path or query replaces it. Default: the captured Host over http. */
  url?: string;
  target?: string;
  method?: string;
  /** All headers, replacing the captured ones. */
  headers?: RawHeaders;
  /** Replace the first header of that name (any case), or append. */
  setHeaders?: RawHeaders;
  removeHeaders?: string[];
  /** Query params to set on the target (value percent-encoded once); others keep their raw bytes. */
  setParams?: Record<string, string>;
  body?: string;
  bodyEncoding?: 'utf8' | 'base64';
  /** Set the Host value to the destination (position and casing kept). Default false: byte-exact. */
  rewriteHost?: boolean;
  wait?: WaitFor;
}

export interface BulkInput extends SendOverrides {
  template?: TemplateSpec;
  templateId?: number;
  count: number;
  vars?: Record<string, string>;
  /** The environment `{{name}}` is replaced from, for every conversion of the run. */
  environmentId?: number;
  generators?: Record<string, ValueGenerator>;
  /** Postbacks in flight at once. Default 10. */
  concurrency?: number;
  /** Conversions started per second; 0 or absent: as fast as concurrency allows. */
  ratePerSecond?: number;
  sendAnyway?: boolean;
  /**
   * Share (0–100) of the run's conversions whose postback carries the failure marker, which this
   * app's receiver answers with 500 on every attempt (see src/shared/injected-failure.ts).
   */
  failurePercent?: number;
  /** Seeds which conversions are marked; the same seed marks the same ones. Default 1. */
  failureSeed?: number;
  /**
   * Write each postback's exchange, outbox row and open attempt before its first byte leaves, as
   * single sends do, so a crash mid-run leaves a history that matches the wire (an interrupted
   * send shows as "outcome unknown"). Off by default: it costs a write per postback before the
   * send, where the default records after the first attempt in large batches.
   */
  recordBeforeSend?: boolean;
}

export interface BulkRun {
  id: string;
  progress(): BulkProgress;
  readonly done: Promise<BulkSummary>;
  /** Stops starting new conversions; those in flight finish. */
  cancel(): void;
}

export interface Sender {
  readonly templates: TemplatesRepository;
  on<K extends keyof SenderEventMap>(event: K, listener: (payload: SenderEventMap[K]) => void): () => void;
  /** The fully expanded request and what would stop it, without sending. */
  preview(input: SendInput): SendPreview;
  /** Throws SendRefusedError when problems stop the send. */
  send(input: SendInput): Promise<SendResult>;
  replay(exchangeId: number, input?: ReplayInput): Promise<SendResult>;
  bulk(input: BulkInput): BulkRun;
  bulkRun(id: string): BulkRun | null;
  outbox(filter: OutboxFilter): OutboxItem[];
  outboxItem(id: number): { item: OutboxItem; attempts: AttemptView[] } | null;
  /** Where a sent exchange went (`scheme://host[:port]` of its outbox URL); null when the sender did not send it. */
  destinationOf(exchangeId: number): string | null;
  attemptsForExchange(exchangeId: number): AttemptView[];
  cancel(id: number): boolean;
  retryNow(id: number): boolean;
  /** Queues every failed or disabled send of one bulk run (or of all) for an attempt now; answers how many. */
  retryFailed(bulkId: string | null): number;
  /**
   * Exchange ids of delivered, failed and cancelled sends (of one run, or all) last changed by
   * `before`. The caller deletes them through the core's delete path, so the Inbox hears of it;
   * the sends go with their exchanges.
   */
  finishedExchangeIds(bulkId: string | null, before: number): number[];
  /** The newest bulk runs' counts as the outbox holds them now. */
  bulkTallies(limit: number): BulkRunTally[];
  /** Resolves when the postback reaches delivered, failed, cancelled or disabled. */
  waitFor(id: number, timeoutMs?: number): Promise<OutboxItem>;
  circuits(): Circuit[];
  resetCircuit(key: string): boolean;
  /** Where bulk records are written, and what is in flight (diagnostics). */
  status(): { writer: 'thread' | 'main'; inFlight: number; retriesInFlight: number; bulkRuns: number };
  /** Resumes the outbox (pending and interrupted sends) and starts the writer thread; resolves when it is ready. */
  start(): Promise<void>;
  /** Stops the worker, lets attempts in flight finish briefly, writes what is pending, closes sockets. */
  close(): Promise<void>;
}

export const terminalStates: ReadonlySet<OutboxState> = new Set(['delivered', 'failed', 'cancelled', 'disabled']);

/** Problems stopped the send; the preview shows where they are. */
export class SendRefusedError extends Error {
  constructor(
    readonly problems: SendProblem[],
    readonly preview: SendPreview | null,
  ) {
    super(`Not sent: ${problems.map((p) => p.message).join('; ')}`);
    this.name = 'SendRefusedError';
  }
}

/** Input the sender cannot act on: a missing template/exchange, or a malformed request. */
export class SenderInputError extends Error {
  constructor(
    readonly kind: 'not-found' | 'bad-request',
    message: string,
  ) {
    super(message);
    this.name = 'SenderInputError';
  }
}
