/** A delivery error in plain words, with the code kept for filters and tests. */
export interface WireError {
  code: string;
  message: string;
}

const tlsHint = 'set insecureTls for a test server you trust';

/**
 * Network, TLS and client errors say what happened to the postback, not where in undici it broke.
 * `target` is host:port, `timeoutMs` the limit that applied.
 */
export function describeWireError(error: unknown, target: string, timeoutMs: number): WireError {
  const e = (error ?? {}) as { code?: string; message?: string; cause?: unknown };
  // undici wraps socket errors; the cause carries the system code.
  const cause = e.cause as { code?: string; message?: string } | undefined;
  const code = (e.code && !e.code.startsWith('UND_ERR_SOCKET') ? e.code : cause?.code ?? e.code) ?? 'ERROR';
  const plain = (message: string): WireError => ({ code, message });
  switch (code) {
    case 'ECONNREFUSED':
      return plain(`Connection refused by ${target}: nothing is listening there`);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return plain(`DNS lookup failed for ${target.replace(/:\d+$/, '')}`);
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
      return plain(`${target} closed the connection before a complete response`);
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return plain(`${target} is unreachable from this machine`);
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'ETIMEDOUT':
      return plain(`Could not connect to ${target} within ${timeoutMs} ms`);
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
    case 'TIMEOUT':
      return plain(`No complete response from ${target} within ${timeoutMs} ms`);
    case 'CERT_HAS_EXPIRED':
      return plain(`TLS: the certificate of ${target} has expired (${tlsHint})`);
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
      return plain(`TLS: ${target} presents a self-signed certificate, which is not trusted (${tlsHint})`);
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'UNABLE_TO_GET_ISSUER_CERT':
      return plain(`TLS: the certificate of ${target} is signed by an unknown or missing issuer (${tlsHint})`);
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return plain(`TLS: the certificate of ${target} is not valid for this host name`);
    case 'EPROTO':
    case 'ERR_SSL_WRONG_VERSION_NUMBER':
      return plain(`TLS handshake with ${target} failed (is it plain HTTP? then use http://): ${cause?.message ?? e.message ?? ''}`.trim());
    case 'UND_ERR_INVALID_ARG':
    case 'UND_ERR_NOT_SUPPORTED':
      return plain(`Not sent: ${e.message ?? 'the request is invalid'}`);
    case 'UND_ERR_ABORTED':
      return plain('Cancelled before a response arrived');
    default:
      return plain(`${code}: ${e.message ?? String(error)}`);
  }
}
