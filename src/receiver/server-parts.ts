/**
 * What the HTTP and the HTTPS receiver's servers share beyond the capture path: the HTTP/1 limits
 * they run with and how they close.
 */
import { Server as HttpServer, type ServerOptions } from 'node:http';
import type { Http2Session } from 'node:http2';
import type { Server as NetServer } from 'node:net';
import type { ReceiverLimits } from './receiver-server.js';
import type { Held } from './answer.js';

/** Longest close() waits for keep-alive connections still mid-answer before cutting them. */
export const closeGraceMs = 2000;

type Http1Limits = Required<Pick<ServerOptions, 'maxHeaderSize' | 'headersTimeout' | 'requestTimeout' | 'connectionsCheckingInterval' | 'requireHostHeader'>>;

/** The receiver limits as Node's HTTP/1 server options. */
export function http1Limits(limits: ReceiverLimits): Http1Limits {
  return {
    maxHeaderSize: limits.maxHeaderBytes,
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    // Node checks those deadlines on this interval (default 30 s): a tighter one keeps them honest.
    connectionsCheckingInterval: Math.min(1000, limits.headersTimeoutMs),
    // Node would answer 400 without a word to us: a Host-less postback is captured like any other.
    requireHostHeader: false,
  };
}

/**
 * Stops accepting, ends held answers, lets answers in flight finish (idle keep-alive connections
 * are closed as they come free) and cuts what is left after `closeGraceMs`. h2 `sessions` get
 * GOAWAY first and are destroyed at the cut. Both servers track their HTTP/1 connections the way
 * http.Server does (the TLS one through allowHTTP1), so http.Server's own methods close them.
 */
export function closeServer(server: NetServer, hanging: ReadonlySet<Held>, sessions: ReadonlySet<Http2Session> = new Set()): Promise<void> {
  const asHttp = server as HttpServer;
  const closeIdle = (): void => HttpServer.prototype.closeIdleConnections.call(asHttp);
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    for (const held of hanging) held.destroy();
    for (const session of sessions) session.close();
    const idle = setInterval(closeIdle, 20);
    const cut = setTimeout(() => {
      HttpServer.prototype.closeAllConnections.call(asHttp);
      for (const session of sessions) session.destroy();
    }, closeGraceMs);
    server.close(() => {
      clearInterval(idle);
      clearTimeout(cut);
      resolve();
    });
    closeIdle();
  });
}
