import type { ExchangeSide } from '../../../src/diff/index.js';

const enc = new TextEncoder();

/** Builds one side of a comparison; string bodies are UTF-8 encoded. */
export function side(
  url: string,
  rawHeaders: Array<[string, string]> = [],
  body: string | Uint8Array = '',
  contentType?: string | null,
): ExchangeSide {
  return {
    method: 'GET',
    url,
    rawHeaders,
    body: typeof body === 'string' ? enc.encode(body) : body,
    ...(contentType !== undefined ? { contentType } : {}),
  };
}

export const json = (text: string): ExchangeSide => side('/pb', [['Content-Type', 'application/json']], text);
