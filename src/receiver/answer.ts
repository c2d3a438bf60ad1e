import type { FastifyReply } from 'fastify';
import type { RawHeaders } from '../model/exchange.js';
import type { SocketAction } from './responder.js';

/** Sends an HTTP answer with the headers a rule asked for (Content-Length is always recomputed). */
export async function sendResponse(reply: FastifyReply, response: { status: number; rawHeaders: RawHeaders; body: Buffer }): Promise<void> {
  reply.code(response.status);
  for (const [name, value] of response.rawHeaders) {
    if (name.toLowerCase() !== 'content-length') reply.header(name, value);
  }
  await reply.send(response.body);
}

/** Bytes no HTTP client can parse: a status line that is not one and a length that is not a number. */
export const malformedResponse = Buffer.from('HTTP/1.1 2OO NOT-OK\r\nContent-Length: banana\r\nX-Garbage\r\n\r\n\u0000\u0001garbage', 'latin1');

/**
 * Misbehaves the way real partners do: keeps the socket open forever, closes it without a word,
 * resets it, or writes garbage. `hanging` collects held sockets so the receiver can end them on close.
 */
export function misbehave(reply: FastifyReply, action: SocketAction, hanging: Set<import('node:net').Socket>): void {
  reply.hijack();
  const socket = reply.raw.socket;
  if (!socket) return;
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
