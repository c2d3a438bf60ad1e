import type { RawHeaders } from '../model/exchange.js';
import type { WireError } from './wire-errors.js';

/** One outbound request as the transports take it. Strings are binary strings (one char per byte). */
export interface WireRequest {
  method: string;
  /** scheme://authority */
  origin: string;
  /** Path and query exactly as they go on the request line. */
  target: string;
  headers: RawHeaders;
  body: Buffer;
}

export interface WireOptions {
  timeoutMs: number;
  followRedirects: boolean;
  maxRedirects: number;
  /** Response bodies are kept up to this many bytes (the rest is counted, not stored). */
  maxResponseBytes: number;
  insecureTls: boolean;
}

export interface WireResponse {
  status: number;
  rawHeaders: RawHeaders;
  body: Buffer;
  truncated: boolean;
}

export interface WireOutcome {
  /** Null when no complete response arrived. */
  response: WireResponse | null;
  error: WireError | null;
  durationMs: number;
}

export const timeoutError = (): Error => Object.assign(new Error('timed out'), { code: 'TIMEOUT' });

/** host:port for messages ("connection refused by …"). */
export function describeTarget(origin: string): string {
  try {
    const url = new URL(origin);
    return `${url.hostname}:${url.port || (url.protocol === 'https:' ? '443' : '80')}`;
  } catch {
    return origin;
  }
}

/** Collects a response body up to a cap, remembering whether anything was cut. */
export class BodyCollector {
  private readonly chunks: Buffer[] = [];
  private size = 0;
  truncated = false;

  constructor(private readonly cap: number) {}

  add(chunk: Buffer): void {
    const room = this.cap - this.size;
    if (room <= 0) {
      this.truncated = this.truncated || chunk.length > 0;
      return;
    }
    if (chunk.length > room) {
      this.chunks.push(chunk.subarray(0, room));
      this.truncated = true;
      this.size = this.cap;
    } else {
      this.chunks.push(chunk);
      this.size += chunk.length;
    }
  }

  bytes(): Buffer {
    return this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks);
  }
}
