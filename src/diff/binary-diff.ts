/**
 * Binary bodies: no structure to compare, so size, SHA-256 (to quote in a bug report) and where
 * the bytes first part ways, with a short hex preview of each side from that offset.
 */
import { sha256Hex } from './sha256.js';
import type { BinaryInfo, ByteDifference } from './types.js';

export const PREVIEW_BYTES = 16;

export interface BinaryDiff {
  left: BinaryInfo;
  right: BinaryInfo;
  /** null when the bytes are equal. */
  firstDifference: ByteDifference | null;
}

export function diffBinary(
  left: Uint8Array,
  right: Uint8Array,
  sha256: (bytes: Uint8Array) => string = sha256Hex,
): BinaryDiff {
  const offset = firstDifferingOffset(left, right);
  return {
    left: { size: left.length, sha256: sha256(left) },
    right: { size: right.length, sha256: sha256(right) },
    firstDifference:
      offset === -1 ? null : { offset, left: hexPreview(left, offset), right: hexPreview(right, offset) },
  };
}

/** -1 when equal; otherwise the first index that differs (or the shorter length, if one is a prefix). */
export function firstDifferingOffset(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
}

/** Space-separated hex bytes; empty string past the end of a shorter side. */
export function hexPreview(bytes: Uint8Array, offset: number, count = PREVIEW_BYTES): string {
  return Array.from(bytes.subarray(offset, offset + count), (b) => b.toString(16).padStart(2, '0')).join(' ');
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return firstDifferingOffset(a, b) === -1;
}
