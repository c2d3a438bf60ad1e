import { saveBlob } from './download';

export function base64ToBytes(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export function bytesToBase64(bytes: Uint8Array): string {
  let bin = '';
  // In slices: String.fromCharCode takes its arguments on the stack.
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

/** Lossy on purpose: for display only; invalid sequences become U+FFFD, the bytes stay untouched elsewhere. */
export function decodeText(bytes: Uint8Array, charset?: string | null): string {
  if (charset) {
    try {
      return new TextDecoder(charset).decode(bytes);
    } catch {
      // Unknown label: fall through to UTF-8 rather than show nothing.
    }
  }
  return new TextDecoder().decode(bytes);
}

/** Share of bytes that are control characters other than tab/CR/LF: a cheap "is this binary" test. */
export function looksBinary(bytes: Uint8Array): boolean {
  if (bytes.length === 0) return false;
  const n = Math.min(bytes.length, 4096);
  let ctrl = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) ctrl++;
  }
  if (ctrl / n > 0.05) return true;
  try {
    // stream: a multi-byte character cut at the sample's end is not an error.
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, n), { stream: true });
    return false;
  } catch {
    return true;
  }
}

export function downloadBytes(bytes: Uint8Array, filename: string, type = 'application/octet-stream'): void {
  saveBlob(new Blob([bytes as Uint8Array<ArrayBuffer>], { type }), filename);
}
