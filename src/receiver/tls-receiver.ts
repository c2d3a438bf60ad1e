import type { Server as HttpServer, IncomingMessage, ServerResponse } from 'node:http';
import { createSecureServer, type Http2Session } from 'node:http2';
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { listenOn } from '../http/listen.js';
import { tlsFactsJson } from '../tls/tls-facts.js';
import { buildCapturePath, hardenHttp1, type Receiver, type ReceiverOptions } from './receiver-server.js';
import { closeServer, http1Limits } from './server-parts.js';

export interface TlsReceiverOptions extends ReceiverOptions {
  /** The leaf certificate and its key (PEM), signed by the data folder's CA. */
  cert: string;
  key: string;
}

/**
 * The HTTPS receiver: the same capture path as the HTTP one behind TLS. One server speaks both
 * h2 and HTTP/1.1 (ALPN picks; a client offering neither gets HTTP/1.1), so partners on either
 * are captured as they really talk. Each capture also keeps its connection's TLS facts.
 */
export interface TlsReceiver extends Receiver {
  /** Serves a new leaf to new connections (the open ones keep theirs). */
  setCertificate(cert: string, key: string): void;
}

export function buildTlsReceiver(options: TlsReceiverOptions): TlsReceiver {
  const { limits } = options;
  const path = buildCapturePath(options, (socket) => tlsFactsJson(socket as TLSSocket));
  const server = createSecureServer({
    cert: options.cert,
    key: options.key,
    allowHTTP1: true,
    // Ask for a client certificate but take any (or none): mutual TLS is something to inspect
    // here, not a gate, so the capture records who presented what instead of refusing it.
    requestCert: true,
    rejectUnauthorized: false,
    // The h2 counterpart of the HTTP/1 head limit (HPACK-decoded header list size).
    settings: { maxHeaderListSize: limits.maxHeaderBytes },
  });
  // HTTP/1.1 over this server runs Node's HTTP/1 connection code, which reads these from the
  // server object: the same limits as the plain receiver, set the way http.createServer would.
  Object.assign(server, { ...http1Limits(limits), keepAliveTimeout: 5000 });
  // The compat API hands h2 streams over as request/response pairs much like HTTP/1's.
  server.on('request', path.handle as unknown as (request: IncomingMessage, response: ServerResponse) => void);
  // A failed handshake reaches 'clientError' too; it is not an HTTP request to log, so it is only dropped.
  const secured = new WeakSet<Socket>();
  server.on('secureConnection', (socket: TLSSocket) => secured.add(socket));
  // Typed apart from http.Server, but with allowHTTP1 it raises the same HTTP/1 events and caps.
  const refused = hardenHttp1(server as unknown as HttpServer, path, (socket) => !secured.has(socket));
  const sessions = new Set<Http2Session>();
  server.on('session', (session: Http2Session) => {
    sessions.add(session);
    session.once('close', () => sessions.delete(session));
  });
  return {
    refusedConnections: refused,
    setCertificate: (cert, key) => server.setSecureContext({ cert, key }),
    listen: (host, port) => listenOn(server, 'https', host, port),
    // h2: GOAWAY, then each session ends once its streams in flight are answered.
    close: () => closeServer(server, path.hanging, sessions),
  };
}
