import type { TLSSocket } from 'node:tls';
import type { TlsFacts } from '../model/exchange.js';

/**
 * Facts are fixed at the handshake, so they are read once per connection and reused as the same
 * JSON string by every request on it (keep-alive, h2 streams). Keyed weakly: a closed
 * connection's entry goes with it. For h2 the key is the session's socket proxy, one per session.
 */
const perConnection = new WeakMap<object, string>();

/** TLS facts of a request's connection as stored (JSON text of `TlsFacts`). */
export function tlsFactsJson(socket: TLSSocket): string {
  let json = perConnection.get(socket);
  if (json === undefined) {
    json = JSON.stringify(readTlsFacts(socket));
    perConnection.set(socket, json);
  }
  return json;
}

function readTlsFacts(socket: TLSSocket): TlsFacts {
  const peer = socket.getPeerX509Certificate();
  return {
    protocol: socket.getProtocol() ?? null,
    cipher: socket.getCipher()?.standardName ?? null,
    // `false` when the client sent no SNI (it dialled an IP address, or an old client).
    servername: typeof socket.servername === 'string' ? socket.servername : null,
    alpn: socket.alpnProtocol || null,
    clientCertificate: peer
      ? { subject: oneLine(peer.subject), issuer: oneLine(peer.issuer), fingerprint256: peer.fingerprint256, validTo: peer.validTo }
      : null,
  };
}

/** Node prints a DN one attribute per line; one line reads better in a table. */
const oneLine = (dn: string): string => dn.split('\n').filter((part) => part !== '').join(', ');
