import type { Direction, RawHeaders, RejectionCode } from '../model/exchange.js';

/** An exchange as the store keeps it: strings from the wire are binary strings (one char per byte). */
export interface ExchangeRecord {
  direction: Direction;
  method: string;
  target: string;
  path: string;
  httpVersion: string;
  rawHeaders: RawHeaders;
  contentType: string | null;
  body: Buffer;
  bodySize: number;
  remoteAddress: string;
  remotePort: number;
  receivedAt: number;
  durationMs: number;
  rejected: RejectionCode | null;
  response: { status: number; rawHeaders: RawHeaders; body: Buffer } | null;
  answeredBy: string | null;
  endpointId: number | null;
  correlation: string | null;
  /**
   * JSON of the connection's `TlsFacts` when it came over TLS. Optional so the plain-HTTP and
   * outgoing paths need not set it: absent is stored as NULL.
   */
  tls?: string | null;
}

export interface StoredExchange extends ExchangeRecord {
  id: number;
}
