import type { IncomingMessage } from 'node:http';
import type { Http2ServerRequest } from 'node:http2';

export type BodyReadResult =
  | { kind: 'complete'; body: Buffer }
  | { kind: 'too-large'; bytesSeen: number }
  | { kind: 'aborted'; body: Buffer; error: string }
  /** No byte for `idleMs` while the body was still owed. */
  | { kind: 'idle'; body: Buffer };

/**
 * Reads the raw body bytes exactly as they came off the wire (after de-chunking, which is framing,
 * not content). Stops at the limit instead of buffering an unbounded upload.
 */
export async function readBody(request: IncomingMessage, maxBytes: number, idleMs: number): Promise<BodyReadResult> {
  const declared = request.headers['content-length'];
  // h2 frames a body by END_STREAM, not by a header: a stream whose HEADERS did not end it owes one.
  const hasBody = declared !== undefined || request.headers['transfer-encoding'] !== undefined || (request.httpVersionMajor === 2 && !(request as unknown as Http2ServerRequest).stream.endAfterHeaders);
  if (!hasBody) return { kind: 'complete', body: Buffer.alloc(0) };
  if (declared !== undefined && Number(declared) > maxBytes) return { kind: 'too-large', bytesSeen: Number(declared) };

  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    // Only requests that owe a body get a timer: a trickled body must not hold its socket forever.
    const idle = setTimeout(() => settle({ kind: 'idle', body: Buffer.concat(chunks, size) }), idleMs);
    const settle = (result: BodyReadResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(idle);
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
      request.off('close', onClose);
      resolve(result);
    };
    const onData = (chunk: Buffer): void => {
      idle.refresh();
      size += chunk.length;
      if (size > maxBytes) {
        // Stop buffering; the caller answers 413 and closes the connection.
        request.pause();
        settle({ kind: 'too-large', bytesSeen: size });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => settle({ kind: 'complete', body: Buffer.concat(chunks, size) });
    const onError = (error: Error): void => settle({ kind: 'aborted', body: Buffer.concat(chunks), error: error.message });
    const onClose = (): void => {
      if (!request.complete) settle({ kind: 'aborted', body: Buffer.concat(chunks), error: 'client closed the connection before the body ended' });
    };
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onError);
    request.on('close', onClose);
  });
}
