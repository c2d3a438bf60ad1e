import type { RawHeaders } from '../model/exchange.js';

/** What the receiver knows about a request when it decides the answer. */
export interface IncomingCapture {
  method: string;
  target: string;
  path: string;
  rawHeaders: RawHeaders;
  body: Buffer;
  /**
   * The value of X-Postback-Inspector-Fail when the request carries it (a bulk run marked it to
   * fail, src/shared/injected-failure.ts); read by the receiver from Node's own header object.
   */
  failureMarker?: string | null;
}

/** Misbehaviours a mock partner can choose instead of an HTTP answer. */
export type SocketAction = 'hang' | 'close' | 'reset' | 'malformed';

export interface MockResponse {
  status: number;
  rawHeaders: RawHeaders;
  body: Buffer;
  /** Which endpoint/rule produced it, shown in the detail view. */
  answeredBy: string;
  /** Wait this long after the commit before answering. */
  delayMs?: number;
  /** Instead of answering: hang, close, reset, or send a malformed response. */
  action?: SocketAction;
  endpointId?: number | null;
  /** Values that identify the conversion; a repeat is flagged as a duplicate. */
  correlation?: string | null;
  /** Runs once the capture is committed (e.g. to schedule a delayed callback). */
  afterCommit?: (exchangeId: number) => void;
}

/** The seam where mock endpoints and response rules plug in. */
export interface Responder {
  respond(capture: IncomingCapture): MockResponse;
}

const okBody = Buffer.from('OK');

/** Until endpoints are configured, every postback is accepted with a plain 200 OK. */
export const defaultResponder: Responder = {
  respond: () => ({
    status: 200,
    rawHeaders: [['Content-Type', 'text/plain; charset=utf-8']],
    body: okBody,
    answeredBy: 'default (200 OK)',
  }),
};
