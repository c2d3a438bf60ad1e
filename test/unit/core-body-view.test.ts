import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildBodyView, headerValue } from '../../src/decode/body-view.js';
import type { RawHeaders } from '../../src/model/exchange.js';

const options = { maxDecodedBytes: 1024 * 1024, textLimit: 64 * 1024 };
const view = (body: Buffer | string, headers: RawHeaders, opts = options) =>
  buildBodyView(typeof body === 'string' ? Buffer.from(body, 'utf8') : body, headers, opts);
const ct = (value: string): RawHeaders => [['Content-Type', value]];

describe('headerValue', () => {
  it('finds the first header of that name, case-insensitively', () => {
    const headers: RawHeaders = [
      ['X-Sig', 'first'],
      ['content-TYPE', 'text/plain'],
      ['x-sig', 'second'],
    ];
    expect(headerValue(headers, 'x-sig')).toBe('first');
    expect(headerValue(headers, 'Content-Type')).toBe('text/plain');
    expect(headerValue(headers, 'missing')).toBeNull();
  });
});

describe('buildBodyView', () => {
  it('says empty for no bytes', () => {
    const v = view(Buffer.alloc(0), ct('application/json'));
    expect(v).toMatchObject({ kind: 'empty', text: null, decodedSize: 0, decodeError: null, jsonError: null });
  });

  it('keeps JSON source text exactly: big integers, 1.0, key order and spacing', () => {
    const source = '{ "click_id": "a1",\n  "amount": 12345678901234567890, "payout": 1.0, "z": 1, "a": [1e3] }';
    const v = view(source, ct('application/json'));
    expect(v.kind).toBe('json');
    expect(v.text).toBe(source);
    expect(v.text).toContain('12345678901234567890');
    expect(v.text).toContain('1.0');
    expect(v.jsonError).toBeNull();
    expect(v.charset).toBe('utf-8');
    expect(v.decodedSize).toBe(Buffer.byteLength(source));
  });

  it('treats +json types and undeclared JSON-looking text as JSON', () => {
    expect(view('{"a":1}', ct('application/vnd.partner+json; charset=utf-8')).kind).toBe('json');
    expect(view('  [1,2]', []).kind).toBe('json');
  });

  it('reports invalid JSON without dropping the text', () => {
    const v = view('{"a": 1,}', ct('application/json'));
    expect(v.kind).toBe('json');
    expect(v.text).toBe('{"a": 1,}');
    expect(v.jsonError).toEqual(expect.any(String));
    expect(v.jsonError).not.toBe('');
  });

  it('parses forms into decoded pairs, duplicates and order kept', () => {
    const v = view('click_id=abc&event=sale&note=a+b%21&click_id=def', ct('application/x-www-form-urlencoded'));
    expect(v.kind).toBe('form');
    expect(v.form).toEqual([
      ['click_id', 'abc'],
      ['event', 'sale'],
      ['note', 'a b!'],
      ['click_id', 'def'],
    ]);
    expect(v.text).toBe('click_id=abc&event=sale&note=a+b%21&click_id=def');
  });

  it('decodes text in its declared charset (iso-8859-1)', () => {
    const latin1 = Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x6e, 0x61, 0xef, 0x76, 0x65]); // "café naïve"
    const v = view(latin1, ct('text/plain; charset=ISO-8859-1'));
    expect(v.kind).toBe('text');
    expect(v.charset).toBe('iso-8859-1');
    expect(v.text).toBe('café naïve');
    expect(v.decodeError).toBeNull();
  });

  it('falls back to UTF-8 for an unknown charset and says so', () => {
    const v = view('héllo', ct('text/plain; charset=x-klingon'));
    expect(v.kind).toBe('text');
    expect(v.charset).toBe('utf-8');
    expect(v.text).toBe('héllo');
    expect(v.decodeError).toBe('unknown charset "x-klingon", shown as UTF-8');
  });

  it('shows bytes that are not text as binary, with no text', () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]);
    expect(view(png, ct('image/png'))).toMatchObject({ kind: 'binary', text: null, charset: null, decodedSize: png.length });
    expect(view(png, [])).toMatchObject({ kind: 'binary', text: null });
    // Declared octet-stream stays binary even when the bytes happen to read as text.
    expect(view('hello', ct('application/octet-stream'))).toMatchObject({ kind: 'binary', text: null });
    // Undeclared plain text reads as text.
    expect(view('hello world', [])).toMatchObject({ kind: 'text', text: 'hello world' });
  });

  it('splits multipart bodies, file parts included', () => {
    const file = Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe]);
    const body = Buffer.concat([
      Buffer.from('--XyZ\r\nContent-Disposition: form-data; name="click_id"\r\n\r\nabc123\r\n'),
      Buffer.from('--XyZ\r\nContent-Disposition: form-data; name="receipt"; filename="r.bin"\r\nContent-Type: application/octet-stream\r\n\r\n'),
      file,
      Buffer.from('\r\n--XyZ--\r\n'),
    ]);
    const v = view(body, ct('multipart/form-data; boundary=XyZ'));
    expect(v.kind).toBe('multipart');
    expect(v.decodeError).toBeNull();
    expect(v.text).toBeNull();
    expect(v.multipart).toHaveLength(2);
    expect(v.multipart![0]).toMatchObject({ name: 'click_id', filename: null, size: 6, text: 'abc123' });
    expect(v.multipart![1]).toMatchObject({ name: 'receipt', filename: 'r.bin', size: file.length, text: null });
    expect(v.multipart![1]!.headers).toContainEqual(['Content-Type', 'application/octet-stream']);
  });

  it('cuts text at textLimit and says so', () => {
    const body = 'a'.repeat(100);
    const v = view(body, ct('text/plain'), { ...options, textLimit: 10 });
    expect(v.text).toBe('a'.repeat(10));
    expect(v.textTruncated).toBe(true);
    expect(v.decodedSize).toBe(100);
    const whole = view(body, ct('text/plain'), { ...options, textLimit: 100 });
    expect(whole.text).toBe(body);
    expect(whole.textTruncated).toBe(false);
  });

  it('does not call truncated JSON invalid', () => {
    const v = view(JSON.stringify({ pad: 'x'.repeat(200) }), ct('application/json'), { ...options, textLimit: 50 });
    expect(v.kind).toBe('json');
    expect(v.textTruncated).toBe(true);
    expect(v.text).toHaveLength(50);
    expect(v.jsonError).toBeNull();
  });

  it('undoes Content-Encoding before classifying, and hands back the decoded bytes', () => {
    const source = '{"click_id":"zz","payout":1.0}';
    const v = view(gzipSync(source), [
      ['Content-Type', 'application/json'],
      ['Content-Encoding', 'gzip'],
    ]);
    expect(v.kind).toBe('json');
    expect(v.contentEncoding).toEqual(['gzip']);
    expect(v.text).toBe(source);
    expect(v.decoded.toString()).toBe(source);
    expect(v.decodedSize).toBe(source.length);
  });

  it('shows a body that fails to decode as binary, with the error', () => {
    const v = view('{"not":"gzip"}', [
      ['Content-Type', 'application/json'],
      ['Content-Encoding', 'gzip'],
    ]);
    expect(v.kind).toBe('binary');
    expect(v.text).toBeNull();
    expect(v.decodeError).toMatch(/^gzip: /);
  });
});
