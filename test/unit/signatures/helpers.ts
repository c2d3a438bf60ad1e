import type { CapturedRequest, RawHeaders } from '../../../src/signatures/index.js';

/** Builds a captured request the way the receiver stores one. */
export function captured(p: { method?: string; url: string; fullUrl?: string; headers?: RawHeaders; body?: string | Buffer }): CapturedRequest {
  const body = p.body === undefined ? Buffer.alloc(0) : typeof p.body === 'string' ? Buffer.from(p.body, 'utf8') : p.body;
  return { method: p.method ?? 'POST', url: p.url, fullUrl: p.fullUrl, rawHeaders: p.headers ?? [], body };
}

export const utf8 = (secret: string) => ({ secret, secretEncoding: 'utf8' as const });
