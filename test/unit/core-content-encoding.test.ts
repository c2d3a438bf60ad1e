import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeContentEncoding } from '../../src/decode/content-encoding.js';

const plain = Buffer.from(JSON.stringify({ click_id: 'abc', payout: 1.5, note: 'x'.repeat(200) }));
const cap = 1024 * 1024;

describe('decodeContentEncoding', () => {
  it('passes bodies with no, empty or identity encoding through untouched', () => {
    for (const header of [null, '', 'identity', ' Identity ']) {
      const result = decodeContentEncoding(plain, header, cap);
      expect(result).toEqual({ bytes: plain, layers: [], error: null });
    }
  });

  it.each([
    ['gzip', gzipSync(plain)],
    ['x-gzip', gzipSync(plain)],
    ['deflate', deflateSync(plain)], // with the zlib wrapper (RFC 9110)
    ['deflate', deflateRawSync(plain)], // raw deflate, as some senders do it
    ['br', brotliCompressSync(plain)],
  ])('undoes %s', (coding, compressed) => {
    const result = decodeContentEncoding(compressed, coding, cap);
    expect(result.error).toBeNull();
    expect(result.layers).toEqual([coding]);
    expect(result.bytes.equals(plain)).toBe(true);
  });

  it('reads coding names case-insensitively', () => {
    const result = decodeContentEncoding(gzipSync(plain), 'GZip', cap);
    expect(result.layers).toEqual(['gzip']);
    expect(result.bytes.equals(plain)).toBe(true);
  });

  it('undoes stacked codings in reverse order of application, outermost first in layers', () => {
    // "Content-Encoding: gzip, br" means gzip was applied first, then br.
    const body = brotliCompressSync(gzipSync(plain));
    const result = decodeContentEncoding(body, 'gzip, br', cap);
    expect(result.error).toBeNull();
    expect(result.layers).toEqual(['br', 'gzip']);
    expect(result.bytes.equals(plain)).toBe(true);
    // The same bytes labelled in the wrong order cannot be undone.
    expect(decodeContentEncoding(body, 'br, gzip', cap).error).toMatch(/^gzip: /);
  });

  it('ignores identity inside a stack', () => {
    const result = decodeContentEncoding(deflateSync(gzipSync(plain)), 'gzip, identity, deflate', cap);
    expect(result.layers).toEqual(['deflate', 'gzip']);
    expect(result.bytes.equals(plain)).toBe(true);
  });

  it.each([
    ['gzip', (b: Buffer) => gzipSync(b)],
    ['deflate', (b: Buffer) => deflateSync(b)],
    ['deflate', (b: Buffer) => deflateRawSync(b)],
    ['br', (b: Buffer) => brotliCompressSync(b)],
  ])('stops a %s bomb at the cap with an error and keeps the raw bytes', (coding, compress) => {
    const bomb = compress(Buffer.alloc(1024 * 1024));
    expect(bomb.length).toBeLessThan(64 * 1024);
    const result = decodeContentEncoding(bomb, coding, 64 * 1024);
    expect(result.error).toBe(`${coding}: decoded size exceeds the 65536-byte display cap (possible decompression bomb); raw bytes kept`);
    expect(result.layers).toEqual([]);
    expect(result.bytes).toBe(bomb);
  });

  it('decodes output of exactly the cap', () => {
    const body = Buffer.alloc(4096, 0x61);
    const result = decodeContentEncoding(gzipSync(body), 'gzip', 4096);
    expect(result.error).toBeNull();
    expect(result.bytes.equals(body)).toBe(true);
  });

  it('reports corrupt data and keeps the raw bytes', () => {
    const garbage = Buffer.from('this is not compressed at all');
    for (const coding of ['gzip', 'deflate', 'br']) {
      const result = decodeContentEncoding(garbage, coding, cap);
      expect(result.error).toMatch(new RegExp(`^${coding}: .+`));
      expect(result.error).not.toMatch(/display cap/);
      expect(result.bytes).toBe(garbage);
      expect(result.layers).toEqual([]);
    }
  });

  it('reports a truncated gzip stream', () => {
    const truncated = gzipSync(plain).subarray(0, 20);
    const result = decodeContentEncoding(truncated, 'gzip', cap);
    expect(result.error).toMatch(/^gzip: /);
    expect(result.bytes).toBe(truncated);
  });

  it('reports an unknown coding', () => {
    const result = decodeContentEncoding(plain, 'compress', cap);
    expect(result.error).toBe('compress: unknown content-encoding "compress"');
    expect(result.bytes).toBe(plain);
  });

  it('keeps what was undone when an inner layer fails', () => {
    // Outer br is fine, inner "gzip" is really garbage.
    const inner = Buffer.from('garbage, not gzip');
    const result = decodeContentEncoding(brotliCompressSync(inner), 'gzip, br', cap);
    expect(result.layers).toEqual(['br']);
    expect(result.error).toMatch(/^gzip: /);
    expect(result.bytes.equals(inner)).toBe(true);
  });
});
