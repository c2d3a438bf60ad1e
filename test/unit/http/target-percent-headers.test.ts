import { describe, expect, it } from 'vitest';
import { headerEntry, headerValue, headerValues } from '../../../src/http/headers.js';
import { decodeComponent, percentDecode } from '../../../src/http/percent.js';
import { parseQuery, splitPairs } from '../../../src/http/query.js';
import { splitTarget } from '../../../src/http/target.js';

const binary = (text: string): string => Buffer.from(text, 'utf8').toString('latin1');

describe('splitTarget', () => {
  it('splits at the first "?" and keeps later "?" and "#" in the query of a captured target', () => {
    expect(splitTarget('/pb?a=1?b=2#x')).toEqual({ path: '/pb', rawQuery: 'a=1?b=2#x' });
    expect(splitTarget('/pb')).toEqual({ path: '/pb', rawQuery: null });
    expect(splitTarget('/pb?')).toEqual({ path: '/pb', rawQuery: '' });
  });
  it('drops a fragment first when asked (pasted URLs), even one holding a "?"', () => {
    expect(splitTarget('/pb?a=1#frag', { dropFragment: true })).toEqual({ path: '/pb', rawQuery: 'a=1' });
    expect(splitTarget('/pb#x?y', { dropFragment: true })).toEqual({ path: '/pb', rawQuery: null });
  });
  it('keeps escapes in the path as sent', () => {
    expect(splitTarget('/a%2Fb?x=%7B').path).toBe('/a%2Fb');
  });
});

describe('decodeComponent', () => {
  it('returns the raw form beside the decoded text and bytes', () => {
    const d = decodeComponent('caf%C3%A9+au+lait', { plusAsSpace: true });
    expect(d).toMatchObject({ raw: 'caf%C3%A9+au+lait', text: 'café au lait', invalidEscape: false, invalidUtf8: false });
    expect([...d.bytes.subarray(0, 5)]).toEqual([0x63, 0x61, 0x66, 0xc3, 0xa9]);
  });
  it('treats + as space only when asked (query/form, not path)', () => {
    expect(decodeComponent('a+b', { plusAsSpace: false }).text).toBe('a+b');
    expect(decodeComponent('a%2Bb', { plusAsSpace: true }).text).toBe('a+b');
  });
  it('keeps invalid escapes literally and flags them', () => {
    expect(decodeComponent('100%&%G1%4', { plusAsSpace: true })).toMatchObject({ text: '100%&%G1%4', invalidEscape: true });
  });
  it('keeps invalid UTF-8 as distinct bytes while the text shows U+FFFD', () => {
    const a = decodeComponent('%FF', { plusAsSpace: true });
    const b = decodeComponent('%FE', { plusAsSpace: true });
    expect(a.text).toBe(b.text);
    expect(a.invalidUtf8).toBe(true);
    expect([...a.bytes]).not.toEqual([...b.bytes]);
  });
  it('reads binary strings as bytes, typed text as text, and astral characters whole', () => {
    expect(decodeComponent(binary('café'), { plusAsSpace: false }).text).toBe('café');
    expect(decodeComponent('café%20x', { plusAsSpace: false, input: 'text' }).text).toBe('café x');
    expect(decodeComponent('😀%21', { plusAsSpace: false }).text).toBe('😀!');
  });
  it('percentDecode is the text-and-flags view of the same decoder', () => {
    expect(percentDecode('%C3%A9', true)).toEqual({ text: 'é', invalidEscape: false, invalidUtf8: false });
  });
});

describe('splitPairs / parseQuery', () => {
  it('tells a missing "=" from an empty value and skips empty segments', () => {
    expect(splitPairs('a=1&&flag&b=')).toEqual([
      { rawName: 'a', rawValue: '1' },
      { rawName: 'flag', rawValue: null },
      { rawName: 'b', rawValue: '' },
    ]);
    expect(splitPairs(null)).toEqual([]);
  });
  it('keeps raw and decoded forms side by side', () => {
    expect(parseQuery('q=a+b%21')[0]).toMatchObject({ name: 'q', value: 'a b!', rawName: 'q', rawValue: 'a+b%21' });
  });
});

describe('header lookup', () => {
  const headers: Array<[string, string]> = [
    ['X-Sig', 'first'],
    ['content-type', 'text/plain'],
    ['x-sig', 'second'],
  ];
  it('finds the first value case-insensitively, null when absent', () => {
    expect(headerValue(headers, 'X-SIG')).toBe('first');
    expect(headerValue(headers, 'Content-Type')).toBe('text/plain');
    expect(headerValue(headers, 'missing')).toBeNull();
  });
  it('lists every value in order', () => {
    expect(headerValues(headers, 'x-sig')).toEqual(['first', 'second']);
    expect(headerValues(headers, 'nope')).toEqual([]);
  });
  it('hands back the entry itself for in-place rewrites', () => {
    const copy = headers.map(([n, v]) => [n, v] as [string, string]);
    headerEntry(copy, 'CONTENT-TYPE')![1] = 'application/json';
    expect(copy[1]).toEqual(['content-type', 'application/json']);
  });
});
