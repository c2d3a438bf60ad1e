import type { ServerResponse } from 'node:http';
import { constants, type Http2ServerRequest } from 'node:http2';
import type { RawHeaders } from '../model/exchange.js';
import { sendResponse, type Held, type WireResponse } from './answer.js';
import type { SocketAction } from './responder.js';

/**
 * h2 pseudo-headers (:method, :path, :scheme, :authority) are the request line in another form:
 * the method and target already hold them, and keeping them as headers would make a replay send
 * names no HTTP/1 server accepts. What remains is the header list in the order it arrived.
 */
export function withoutPseudoHeaders(headers: RawHeaders): RawHeaders {
  return headers.filter(([name]) => name.charCodeAt(0) !== 0x3a);
}

/**
 * The end of the capture path for an h2 stream. Several streams share one connection, so a rule's
 * socket misbehaviour applies to the stream: held open, closed without an answer, reset, or failed
 * as a protocol error (h2 has no way to send bytes that are not frames without killing every
 * stream of the connection).
 */
export function answerH2(request: Http2ServerRequest, response: ServerResponse, action: SocketAction | undefined, answer: WireResponse | null, hanging: Set<Held>): void {
  const stream = request.stream;
  // The client may have given up during a delay: nothing left to answer.
  if (stream.destroyed || stream.closed) return;
  if (!action) return sendResponse(response, answer!);
  switch (action) {
    case 'hang':
      hanging.add(stream);
      stream.once('close', () => hanging.delete(stream));
      return;
    case 'close':
      stream.close(constants.NGHTTP2_NO_ERROR);
      return;
    case 'reset':
      stream.close(constants.NGHTTP2_INTERNAL_ERROR);
      return;
    case 'malformed':
      stream.close(constants.NGHTTP2_PROTOCOL_ERROR);
      return;
  }
}
