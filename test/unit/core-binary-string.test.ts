import { describe, expect, it } from 'vitest';
import { binaryStringToBytes, binaryStringToDisplay, bytesToBinaryString, isValidUtf8 } from '../../src/shared/binary-string.js';

describe('binary strings', () => {
  it('maps one char to one byte, both ways', () => {
    const bytes = Uint8Array.from([0x00, 0x41, 0x7f, 0x80, 0xc3, 0xa9, 0xff]);
    const binary = bytesToBinaryString(bytes);
    expect(binary).toBe('\u0000A\u007f\u0080\u00c3\u00a9\u00ff');
    expect(binary.length).toBe(bytes.length);
    expect(binaryStringToBytes(binary)).toEqual(bytes);
  });

  it('round-trips every byte value and inputs larger than one conversion chunk', () => {
    const bytes = new Uint8Array(0x8000 * 2 + 123);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7) & 0xff;
    const binary = bytesToBinaryString(bytes);
    expect(binary.length).toBe(bytes.length);
    expect(Buffer.compare(binaryStringToBytes(binary), bytes)).toBe(0);
    expect(binary === Buffer.from(bytes).toString('latin1')).toBe(true);
  });

  it('handles empty input', () => {
    expect(bytesToBinaryString(new Uint8Array(0))).toBe('');
    expect(binaryStringToBytes('')).toEqual(new Uint8Array(0));
  });

  it('keeps only the low byte of chars above U+00FF (such strings are not binary strings)', () => {
    expect(binaryStringToBytes('\u0141')).toEqual(Uint8Array.from([0x41]));
  });

  it('shows ASCII as is, valid UTF-8 decoded, and anything else as its latin1 reading', () => {
    expect(binaryStringToDisplay('/pb?a=1')).toBe('/pb?a=1');
    expect(binaryStringToDisplay(Buffer.from('/pb?city=Zürich €', 'utf8').toString('latin1'))).toBe('/pb?city=Zürich €');
    const latin1Only = Buffer.from([0x2f, 0x63, 0x61, 0x66, 0xe9]).toString('latin1'); // "/caf\xe9": not UTF-8
    expect(binaryStringToDisplay(latin1Only)).toBe('/café');
  });

  it('validates UTF-8 strictly', () => {
    expect(isValidUtf8(Buffer.from('héllo ✓ 😀', 'utf8'))).toBe(true);
    expect(isValidUtf8(Uint8Array.from([0xc3]))).toBe(false); // truncated sequence
    expect(isValidUtf8(Uint8Array.from([0xc0, 0xaf]))).toBe(false); // overlong "/"
    expect(isValidUtf8(Uint8Array.from([0xed, 0xa0, 0x80]))).toBe(false); // surrogate
    expect(isValidUtf8(new Uint8Array(0))).toBe(true);
  });
});
