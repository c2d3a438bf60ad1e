/** The core with its comparison module (diffs, ignore rules, baselines), as the diff tests use it. */
import type { Comparison } from '../../src/comparison/index.js';
import { startCore, type TestCore } from '../helpers/core.js';

export { latest, rawRequest } from '../helpers/core.js';

export interface DiffTestCore extends TestCore {
  comparison: Comparison;
  /** Authenticated request to the control API. */
  diffApi: (path: string, init?: RequestInit) => Promise<Response>;
  diffUrl: string;
}

export async function startDiffCore(): Promise<DiffTestCore> {
  const tc = await startCore();
  return { ...tc, comparison: tc.core.comparison, diffApi: tc.api, diffUrl: tc.core.controlUrl, close: tc.close };
}

/**
 * Sends a request head (request line + headers, no blank line) and optional body to the receiver
 * over a raw socket; returns the id of the capture it produced.
 */
export async function capture(tc: TestCore, head: string, body: string | Buffer = ''): Promise<number> {
  const { rawRequest, latest } = await import('../helpers/core.js');
  // Strings are binary strings (one char per byte), like rawRequest's.
  const bytes = typeof body === 'string' ? Buffer.from(body, 'latin1') : body;
  const message = Buffer.concat([Buffer.from(`${head}Content-Length: ${bytes.length}\r\n\r\n`, 'latin1'), bytes]);
  const res = await rawRequest(tc.receiverPort, message);
  if (res.status === 0) throw new Error('no response from the receiver');
  return (await latest(tc)).id;
}

/** Parses a successful JSON response; a failed one throws with its body, so tests say why. */
export async function json<T = unknown>(response: Promise<Response> | Response): Promise<T> {
  const res = await response;
  const text = await res.text();
  if (!res.ok) throw new Error(`HTTP ${res.status}: ${text}`);
  return (text === '' ? undefined : JSON.parse(text)) as T;
}

/** Polls until `probe` returns something other than undefined (or 5 s pass). */
export async function eventually<T>(probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
