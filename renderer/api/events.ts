import type { ControlEvent } from '../../src/model/exchange';
import { streamPaths } from '../../src/shared/api/index';
import { openStream } from './sse';

export type StreamState = 'connecting' | 'live' | 'retrying' | 'unauthorized';

export interface EventStreamHandlers {
  onEvent: (event: ControlEvent) => void;
  onState: (state: StreamState) => void;
  /** Called on every (re)connect: events may have been missed while the stream was down. */
  onOpen: () => void;
}

/** GET /api/events: the app's one live stream (the inbox sync owns it; others listen below). */
export function openEventStream(handlers: EventStreamHandlers): () => void {
  return openStream<ControlEvent>(streamPaths.events, {
    onEvent: handlers.onEvent,
    onOpen: handlers.onOpen,
    onState: (state) => handlers.onState(state === 'unavailable' ? 'retrying' : state),
  });
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
