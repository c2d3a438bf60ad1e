import type { ControlEvent } from '../../src/model/exchange';
import { authHeaders } from './client';
import { apiBase } from './token';

export type StreamState = 'connecting' | 'live' | 'retrying' | 'unauthorized';

export interface EventStreamHandlers {
  onEvent: (event: ControlEvent) => void;
  onState: (state: StreamState) => void;
  /** Called on every (re)connect: events may have been missed while the stream was down. */
  onOpen: () => void;
}

const MIN_DELAY = 500;
const MAX_DELAY = 10_000;

/**
 * Server-Sent Events over fetch(): EventSource cannot send the Authorization header.
 * Reconnects with exponential backoff until stopped; a 401 stops for good (new token needed).
 */
export function openEventStream(handlers: EventStreamHandlers): () => void {
  const abort = new AbortController();
  let delay = MIN_DELAY;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const connect = async () => {
    handlers.onState('connecting');
    try {
      const res = await fetch(`${apiBase()}/api/events`, {
        headers: { ...authHeaders(), Accept: 'text/event-stream' },
        signal: abort.signal,
        cache: 'no-store',
      });
      if (res.status === 401) {
        handlers.onState('unauthorized');
        return;
      }
      if (!res.ok || !res.body) throw new Error(`events: ${res.status}`);
      delay = MIN_DELAY;
      handlers.onState('live');
      handlers.onOpen();
      await readEvents(res.body, handlers.onEvent);
    } catch {
      // Network drop or server restart: fall through to the retry below.
    }
    if (abort.signal.aborted) return;
    handlers.onState('retrying');
    timer = setTimeout(() => void connect(), delay);
    delay = Math.min(delay * 2, MAX_DELAY);
  };

  void connect();
  return () => {
    abort.abort();
    clearTimeout(timer);
  };
}

async function readEvents(body: ReadableStream<Uint8Array>, onEvent: (e: ControlEvent) => void): Promise<void> {
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
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = parseBlock(block);
      if (data === null) continue;
      try {
        onEvent(JSON.parse(data) as ControlEvent);
      } catch {
        // A malformed event must not kill the stream; the next one may be fine.
      }
    }
  }
}

/** The joined `data:` lines of one event block, or null for comments / keep-alives. */
function parseBlock(block: string): string | null {
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('data:')) data.push(line.slice(line[5] === ' ' ? 6 : 5));
  }
  return data.length ? data.join('\n') : null;
}

// ---------------------------------------------------------------- one stream, many listeners

/** What a store wants from the app's single event stream (the inbox sync owns and opens it). */
export interface ControlEventListener {
  onEvent?: (event: ControlEvent) => void;
  /** Every (re)connect: events may have been missed while the stream was down. */
  onOpen?: () => void;
}

const listeners = new Set<ControlEventListener>();

/**
 * Hear the shared stream's events without opening another connection (browsers allow few per
 * host, and each costs the server a subscriber). Returns the unsubscribe.
 */
export function listenControlEvents(listener: ControlEventListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Called by the stream's owner; one listener failing must not starve the others. */
export function dispatchControlEvent(event: ControlEvent): void {
  for (const l of [...listeners]) {
    try {
      l.onEvent?.(event);
    } catch (err) {
      console.error('control event listener failed', err);
    }
  }
}

export function dispatchStreamOpen(): void {
  for (const l of [...listeners]) {
    try {
      l.onOpen?.();
    } catch (err) {
      console.error('stream open listener failed', err);
    }
  }
}
