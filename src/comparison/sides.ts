/**
 * Turns what we compare (a stored exchange, a parsed raw message file, an expected request) into
 * the diff engine's input. Content-Encoding is undone first: "what changed" is about content, and
 * two gzip streams of the same JSON differ in bytes for reasons nobody cares about. The header
 * itself is still compared, so a gzip-vs-plain change shows as a header difference.
 */
import { headerValue } from '../http/headers.js';
import { decodeContentEncoding } from '../decode/content-encoding.js';
import type { ExchangeSide } from '../diff/index.js';
import type { RawHeaders } from '../model/exchange.js';

/** A request as bytes: target and header values are binary strings (one char per byte). */
export interface RequestParts {
  method: string;
  target: string;
  rawHeaders: RawHeaders;
  body: Uint8Array;
}

export interface PreparedSide {
  side: ExchangeSide;
  /** Notes for the body section (e.g. which encoding was undone), already labelled left/right. */
  notes: string[];
}

export function prepareSide(label: 'left' | 'right', parts: RequestParts, maxDecodedBytes: number): PreparedSide {
  const notes: string[] = [];
  let body = parts.body;
  const coding = headerValue(parts.rawHeaders, 'content-encoding');
  if (coding && body.length > 0) {
    const decoded = decodeContentEncoding(Buffer.from(body.buffer, body.byteOffset, body.byteLength), coding, maxDecodedBytes);
    if (decoded.error) {
      notes.push(`${label}: Content-Encoding not undone (${decoded.error}); raw bytes compared`);
    } else if (decoded.layers.length > 0) {
      body = decoded.bytes;
      notes.push(`${label}: compared after undoing Content-Encoding ${decoded.layers.join(', ')}`);
    }
  }
  return { side: { method: parts.method, url: parts.target, rawHeaders: parts.rawHeaders, body }, notes };
}
