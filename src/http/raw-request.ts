import type { RawHeaders } from '../model/exchange.js';

/**
 * One captured (or parsed, or about to be sent) HTTP request, the shape every reader shares.
 * `target` and header values are binary strings (one char per byte, as Node hands them over), so
 * nothing is decoded or normalised before a reader asks for it; `body` is the bytes as framed on
 * the wire, before Content-Encoding is undone.
 */
export interface RawRequest {
  method: string;
  /** The raw request target (`/pb?click_id=%7B1%7D`), every byte as sent. */
  target: string;
  /** Order, casing and duplicates kept. */
  rawHeaders: RawHeaders;
  body: Buffer;
}
