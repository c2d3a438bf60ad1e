/**
 * Shared shapes of captured and sent HTTP exchanges, as the control API returns them.
 * Pure types: imported by the core, the CLI and the renderer (type-only).
 */

/** Headers exactly as they travelled: order, name casing and duplicates kept. */
export type RawHeaders = Array<[name: string, value: string]>;

export type Direction = 'in' | 'out';

/**
 * Why a capture is incomplete or was refused: too large (413), the client left (aborted), the
 * HTTP parser refused it (malformed: the body holds the received bytes verbatim), it did not
 * arrive in time (timeout, 408), or it asked for a tunnel (CONNECT, 405).
 */
export type RejectionCode = 'body_too_large' | 'aborted' | 'malformed' | 'timeout' | 'not_proxied';

export interface KeyParam {
  name: string;
  value: string;
}

/** One row of the inbox list. */
export interface ExchangeSummary {
  id: number;
  direction: Direction;
  method: string;
  /** Raw request target (path + raw query string) exactly as received. */
  url: string;
  path: string;
  receivedAt: number;
  /** Status we answered with (in) or the partner answered with (out); null while pending. */
  status: number | null;
  bodySize: number;
  contentType: string | null;
  /** The 2–3 params that identify a postback (click_id, transaction id, event, payout…). */
  keyParams: KeyParam[];
  remoteAddress: string;
  durationMs: number;
  rejected: RejectionCode | null;
  /** The mock endpoint that answered, if any. */
  endpointId: number | null;
  /** An older exchange has the same correlation key (click_id, transaction id…): a repeat conversion. */
  duplicate: boolean;
  /** The verdict badge, when computed (lists and live events carry it; undefined where not looked up). */
  verdict?: VerdictSummary | null;
  /** Golden-baseline results of this capture, when any baseline applies. */
  baselines?: BaselineResult[];
}

/** One query parameter, decoded for display, with its raw form beside it. */
export interface QueryParam {
  name: string;
  value: string;
  rawName: string;
  rawValue: string;
  /** e.g. 'duplicate-key', 'invalid-percent-escape', 'plus-as-space', 'double-encoded', 'empty-value', 'no-equals' */
  anomalies: string[];
}

export type BodyKind = 'empty' | 'json' | 'form' | 'multipart' | 'text' | 'binary';

export interface MultipartPart {
  headers: RawHeaders;
  name: string | null;
  filename: string | null;
  size: number;
  /** Decoded text when the part is text and small; null otherwise. */
  text: string | null;
}

/** Derived, display-only view of a body. The raw bytes are never replaced by it. */
export interface BodyView {
  kind: BodyKind;
  /** Content-Encoding layers that were undone, outermost first (e.g. ['gzip']). */
  contentEncoding: string[];
  decodedSize: number;
  /** Why decoding stopped (bomb cap, corrupt gzip, unknown encoding…); the raw bytes stay available. */
  decodeError: string | null;
  charset: string | null;
  /** Text of the (decoded) body, capped at `textLimit` bytes; null for binary. JSON is the source text, never re-serialised. */
  text: string | null;
  textTruncated: boolean;
  /** JSON that failed to parse: the parser's message. */
  jsonError: string | null;
  form: Array<[string, string]> | null;
  multipart: MultipartPart[] | null;
}

export interface CapturedResponse {
  status: number;
  rawHeaders: RawHeaders;
  /** base64 */
  body: string;
}

export interface ExchangeDetail extends ExchangeSummary {
  httpVersion: string;
  remotePort: number;
  rawHeaders: RawHeaders;
  /** Raw body bytes, base64. */
  body: string;
  query: QueryParam[];
  bodyView: BodyView;
  response: CapturedResponse | null;
  /** What the receiver answered and why: endpoint › rule (failure, sequence position…). */
  answeredBy: string | null;
  /** The values that identify the conversion, e.g. `click_id=abc&event=install`. */
  correlation: string | null;
  /** Came through a tunnel (cloudflared, ngrok, ssh), with the partner's forwarded address; read from the captured headers. */
  tunnel?: TunnelArrival | null;
  /** How the connection was secured, for captures on the HTTPS receiver; null for plain HTTP. */
  tls: TlsFacts | null;
  /** A sent exchange's destination, `scheme://host[:port]` (from its outbox row); null when it has none (a HAR import). */
  destination?: string | null;
}

/** What the TLS handshake of a capture's connection settled, read once per connection. */
export interface TlsFacts {
  /** e.g. 'TLSv1.3' */
  protocol: string | null;
  /** IANA name, e.g. 'TLS_AES_256_GCM_SHA384' */
  cipher: string | null;
  /** SNI the client asked for; null when it sent none (e.g. it dialled an IP address). */
  servername: string | null;
  /** Protocol agreed by ALPN ('h2', 'http/1.1'); null when the client offered none. */
  alpn: string | null;
  /** The certificate the client presented, if any (accepted unverified: it is evidence, not access control). */
  clientCertificate: { subject: string; issuer: string; fingerprint256: string; validTo: string } | null;
}

export interface ExchangePage {
  items: ExchangeSummary[];
  /** Cursor for the next (older) page, or null at the end. */
  next: string | null;
  /** First page only: rows the whole filter matches (all pages), counted up to a cap; `totalCapped`: there are more. */
  total?: number;
  totalCapped?: boolean;
}

/** Whether the store can write: the receiver answers 507 while it cannot, and the status says why. */
export interface StoreState {
  state: 'ok' | 'full';
  /** When writes started failing for lack of space (ms since epoch). */
  since: number | null;
  message: string | null;
}

export interface CoreStatus {
  receiverUrl: string;
  /** The HTTPS receiver (local CA), when one is configured. */
  httpsReceiverUrl?: string | null;
  receiverState: 'listening' | 'paused' | 'error';
  receiverError: string | null;
  controlUrl: string;
  dataDir: string;
  exchangeCount: number;
  storeBytes: number;
  /** Captures committed but not yet in the search index. */
  indexLag: number;
  capturesPerSecond: number;
  /** Whether the store can write (507s while it is full). */
  store?: StoreState;
  /** Connections the receiver refused at accept because its connection cap was reached. */
  refusedConnections?: number;
  /** Requests answered 503 because capture is paused, counted from the latest pause. */
  pausedRefusals?: number;
  /** When capture was paused (ms since epoch); null while capturing. */
  pausedSince?: number | null;
  lastError: string | null;
  /** The derivation thread (index, verdicts, baselines, metrics): its state, failing stages and progress. */
  derivation?: PipelineStatus;
  /** The tunnel that lets partners on the internet reach the receiver. */
  tunnel?: TunnelStatus;
}

import type { BaselineResult } from './comparison.js';
import type { EndpointHitCount } from './endpoint.js';
import type { TunnelArrival, TunnelStatus } from './tunnel.js';
import type { PipelineStatus } from './derivation.js';
import type { VerdictSummary } from './verdict.js';

/** Server-Sent Events on GET /api/events. */
export type ControlEvent =
  | { type: 'exchanges'; items: ExchangeSummary[] }
  /** Rows already shown whose derived facts changed (a verdict re-run): replace them. */
  | { type: 'exchanges-updated'; items: ExchangeSummary[] }
  | { type: 'overflow'; count: number }
  | { type: 'deleted'; ids: number[] }
  | { type: 'cleared' }
  | { type: 'status'; status: CoreStatus }
  | { type: 'baseline-results'; items: BaselineResult[] }
  | { type: 'verdicts'; items: VerdictSummary[] }
  /** Current counts of the endpoints whose hits changed: replace those endpoints' counts. */
  | { type: 'endpoint-hits'; items: EndpointHitCount[] };
