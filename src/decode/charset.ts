/** Reads the charset parameter of a Content-Type, lower-cased, or null. */
export function charsetOf(contentType: string | null): string | null {
  if (!contentType) return null;
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType);
  return match?.[1]?.toLowerCase() ?? null;
}

export function mediaTypeOf(contentType: string | null): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

/** Decodes text in the declared charset; unknown labels fall back to UTF-8 and say so. */
export function decodeText(bytes: Uint8Array, charset: string | null): { text: string; charset: string; note: string | null } {
  const label = charset ?? 'utf-8';
  try {
    return { text: new TextDecoder(label).decode(bytes), charset: label, note: null };
  } catch {
    return { text: new TextDecoder('utf-8').decode(bytes), charset: 'utf-8', note: `unknown charset "${label}", shown as UTF-8` };
  }
}

/** Heuristic for bodies with no declared type: text if it decodes as UTF-8 and has no control bytes. */
export function looksLikeText(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 8192);
  for (const b of sample) {
    if (b === 0) return false;
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) return false;
  }
  try {
    // A cut in the middle of a multi-byte sequence at the sample's end is not binary.
    new TextDecoder('utf-8', { fatal: true }).decode(sample.length < bytes.length ? sample.subarray(0, sample.length - 4) : sample);
    return true;
  } catch {
    return false;
  }
}
