import { brotliDecompressSync, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';

export interface Decompressed {
  bytes: Buffer;
  /** Layers undone, outermost first. */
  layers: string[];
  error: string | null;
}

/**
 * Undoes Content-Encoding layers for display. Each layer is capped (maxOutputLength), so a
 * decompression bomb stops with an error instead of eating memory; the raw bytes stay stored.
 */
export function decodeContentEncoding(body: Buffer, contentEncoding: string | null, maxBytes: number): Decompressed {
  const codings = (contentEncoding ?? '')
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '' && c !== 'identity');
  let bytes = body;
  const layers: string[] = [];
  // Codings are listed in the order they were applied, so they are undone from the last.
  for (const coding of codings.reverse()) {
    try {
      bytes = decompress(bytes, coding, maxBytes);
      layers.push(coding);
    } catch (error) {
      return { bytes, layers, error: describe(coding, error, maxBytes) };
    }
  }
  return { bytes, layers, error: null };
}

function decompress(bytes: Buffer, coding: string, maxOutputLength: number): Buffer {
  switch (coding) {
    case 'gzip':
    case 'x-gzip':
      return gunzipSync(bytes, { maxOutputLength });
    case 'deflate':
      // Senders disagree on whether "deflate" carries the zlib wrapper; accept both.
      try {
        return inflateSync(bytes, { maxOutputLength });
      } catch (error) {
        if (isCapError(error)) throw error;
        return inflateRawSync(bytes, { maxOutputLength });
      }
    case 'br':
      return brotliDecompressSync(bytes, { maxOutputLength });
    default:
      throw new Error(`unknown content-encoding "${coding}"`);
  }
}

function isCapError(error: unknown): boolean {
  return error instanceof RangeError || (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
}

function describe(coding: string, error: unknown, maxBytes: number): string {
  if (isCapError(error)) return `${coding}: decoded size exceeds the ${maxBytes}-byte display cap (possible decompression bomb); raw bytes kept`;
  return `${coding}: ${(error as Error).message}`;
}
