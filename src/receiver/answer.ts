import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { RawHeaders } from '../model/exchange.js';
import type { SocketAction } from './responder.js';

export interface WireResponse {
  status: number;
  rawHeaders: RawHeaders;
  body: Buffer;
}

const connectionSpecific = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade']);

/** Statuses that carry no body by definition (RFC 9110 §6.4.1). */
const bodyless = (status: number): boolean => status < 200 || status === 204 || status === 304;

/**
 * Writes an answer with the rule's headers in the rule's order and casing, duplicates kept.
 * Content-Length is always ours (a rule's own would lie once templates ran); a body without a
 * Content-Type gets application/octet-stream, as partners' clients expect some type.
 */
export function sendResponse(res: ServerResponse, response: WireResponse): void {
  const flat: string[] = [];
  let hasType = false;
  const h2 = res.req.httpVersionMajor === 2;
  for (const [name, value] of response.rawHeaders) {
    const lower = name.toLowerCase();
    if (lower === 'content-length') continue;
    // h2 forbids connection-specific headers (RFC 9113 §8.2.2): Node would drop them with a process warning.
    if (h2 && connectionSpecific.has(lower)) continue;
    if (lower === 'content-type') hasType = true;
    flat.push(name, value);
  }
  if (bodyless(response.status)) {
    res.writeHead(response.status, flat);
    res.end();
    return;
  }
  if (!hasType) flat.push('Content-Type', 'application/octet-stream');
  flat.push('Content-Length', String(response.body.length));
  res.writeHead(response.status, flat);
  res.end(response.body);
}

/** Bytes no HTTP client can parse: a status line that is not one and a length that is not a number. */
export const malformedResponse = Buffer.from('HTTP/1.1 2OO NOT-OK\r\nContent-Length: banana\r\nX-Garbage\r\n\r\n\u0000\u0001garbage', 'latin1');

/** Anything the receiver holds open on purpose (a 'hang' rule's socket or h2 stream), ended on close. */
export type Held = { destroy(): unknown };

/**
 * Misbehaves the way real partners do: keeps the socket open forever, closes it without a word,
 * resets it, or writes garbage. `hanging` collects held sockets so the receiver can end them on close.
 */
export function misbehave(socket: Socket, action: SocketAction, hanging: Set<Held>): void {
  switch (action) {
    case 'hang':
      hanging.add(socket);
      socket.once('close', () => hanging.delete(socket));
      return;
    case 'close':
      socket.end();
      return;
    case 'reset':
      socket.resetAndDestroy();
      return;
    case 'malformed':
      socket.end(malformedResponse);
      return;
  }
}
