/**
 * The renderer's one Server-Sent Events reader, over fetch(): EventSource cannot send the
 * Authorization header. Reconnects with exponential backoff until stopped; a 401 stops for good
 * (a new token is needed); a 404 (an older server without that stream) retries slowly.
 */
import { authHeaders, reportUnauthorized } from './http';
import { apiBase } from './token';

export type StreamState = 'connecting' | 'live' | 'retrying' | 'unavailable' | 'unauthorized';

export interface StreamHandlers<T> {
  onEvent: (event: T) => void;
  onState?: (state: StreamState) => void;
  /** Every (re)connect: events may have been missed while the stream was down. */
  onOpen?: () => void;
}

const MIN_DELAY = 500;
const MAX_DELAY = 10_000;

export function openStream<T>(path: string, handlers: StreamHandlers<T>): () => void {
  const abort = new AbortController();
  let delay = MIN_DELAY;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const connect = async (): Promise<void> => {
    handlers.onState?.('connecting');
    let unavailable = false;
    try {
      const res = await fetch(`${apiBase()}${path}`, { headers: { ...authHeaders(), Accept: 'text/event-stream' }, signal: abort.signal, cache: 'no-store' });
      if (res.status === 401) {
        reportUnauthorized();
        handlers.onState?.('unauthorized');
        return;
      }
      unavailable = res.status === 404;
      if (!res.ok || !res.body) throw new Error(`${path}: ${res.status}`);
      delay = MIN_DELAY;
      handlers.onState?.('live');
      handlers.onOpen?.();
      await readEvents(res.body, (data) => handlers.onEvent(JSON.parse(data) as T));
    } catch {
      // A network drop or a server restart: retry below.
    }
    if (abort.signal.aborted) return;
    handlers.onState?.(unavailable ? 'unavailable' : 'retrying');
    timer = setTimeout(() => void connect(), unavailable ? MAX_DELAY : delay);
    delay = Math.min(delay * 2, MAX_DELAY);
  };

  void connect();
  return () => {
    abort.abort();
    clearTimeout(timer);
  };
}

/** Hands each event's joined `data:` lines to `onData`; comments and keep-alives are skipped. */
async function readEvents(body: ReadableStream<Uint8Array>, onData: (data: string) => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let heldCR = false;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    // A chunk may end between the CR and LF of one line break: hold the CR back.
    let text: string = (heldCR ? '\r' : '') + decoder.decode(value, { stream: true });
    heldCR = text.endsWith('\r');
    if (heldCR) text = text.slice(0, -1);
    buffer += text.replace(/\r\n?/g, '\n');
    let end: number;
    while ((end = buffer.indexOf('\n\n')) !== -1) {
      const data = dataOf(buffer.slice(0, end));
      buffer = buffer.slice(end + 2);
      if (data === null) continue;
      try {
        onData(data);
      } catch {
        // One malformed event must not end the stream; the next one may be fine.
      }
    }
  }
}

function dataOf(block: string): string | null {
  const data: string[] = [];
  for (const line of block.split('\n')) if (line.startsWith('data:')) data.push(line.slice(line[5] === ' ' ? 6 : 5));
  return data.length ? data.join('\n') : null;
}
