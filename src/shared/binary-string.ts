/**
 * Node hands us request targets and header values as "binary strings": one char per byte (latin1).
 * Keeping them that way is lossless; these helpers turn them into bytes or into readable text.
 * Pure: usable in the renderer too.
 */

export function binaryStringToBytes(binary: string): Uint8Array {
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i) & 0xff;
  return bytes;
}

export function bytesToBinaryString(bytes: Uint8Array): string {
  let out = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    out += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return out;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** UTF-8 when the bytes are valid UTF-8 (what senders nearly always mean), else the latin1 reading. */
export function binaryStringToDisplay(binary: string): string {
  // Pure ASCII needs no decoding: the common case on the hot path.
  if (!/[\x80-\xff]/.test(binary)) return binary;
  try {
    return strictUtf8.decode(binaryStringToBytes(binary));
  } catch {
    return binary;
  }
}

export function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    strictUtf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}
