import { describe, expect, it } from 'vitest';
import { parseRawMessage, RawMessageError } from '../../src/comparison/raw-message.js';
import { rawRequestMessage } from '../../src/exchange-views.js';
import type { StoredExchange } from '../../src/store/exchange-record.js';

const msg = (text: string): Buffer => Buffer.from(text, 'latin1');

function stored(overrides: Partial<StoredExchange>): StoredExchange {
  return {
    id: 1,
    direction: 'in',
    method: 'POST',
    target: '/pb?a=1',
    path: '/pb',
    httpVersion: '1.1',
    rawHeaders: [['Host', 'x']],
    contentType: null,
    body: Buffer.alloc(0),
    bodySize: 0,
    remoteAddress: '127.0.0.1',
    remotePort: 1,
    receivedAt: 0,
    durationMs: 0,
    rejected: null,
    response: null,
    answeredBy: null,
    endpointId: null,
    correlation: null,
    ...overrides,
  };
}

describe('parseRawMessage', () => {
  it('reads a CRLF message: request line, headers in order with casing and duplicates, Content-Length body', () => {
    const m = parseRawMessage(msg('POST /pb?b=2&a=%7B HTTP/1.1\r\nHost: h:1\r\nX-A: 1\r\nx-a: 2\r\nContent-Length: 3\r\n\r\nabc'));
    expect(m).toMatchObject({ method: 'POST', target: '/pb?b=2&a=%7B', httpVersion: '1.1', warnings: [] });
    expect(m.rawHeaders).toEqual([['Host', 'h:1'], ['X-A', '1'], ['x-a', '2'], ['Content-Length', '3']]);
    expect(m.body.toString()).toBe('abc');
  });

  it('reads LF-only and mixed line endings the same way', () => {
    const lf = parseRawMessage(msg('GET /pb?x=1 HTTP/1.1\nHost: h\nA: b\n\n'));
    const mixed = parseRawMessage(msg('GET /pb?x=1 HTTP/1.1\r\nHost: h\nA: b\r\n\n'));
    expect(lf.rawHeaders).toEqual([['Host', 'h'], ['A', 'b']]);
    expect(mixed.rawHeaders).toEqual(lf.rawHeaders);
    expect(lf.body.length).toBe(0);
  });

  it('keeps a binary body byte-exact, every byte value included', () => {
    const body = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const m = parseRawMessage(Buffer.concat([msg(`PUT /bin HTTP/1.1\r\nContent-Length: ${body.length}\r\n\r\n`), body]));
    expect(m.body.equals(body)).toBe(true);
  });

  it('keeps non-UTF-8 bytes in the target and header values as binary strings', () => {
    const m = parseRawMessage(Buffer.concat([msg('GET /p?n='), Buffer.from([0xe9, 0xff]), msg(' HTTP/1.1\r\nX-N: '), Buffer.from([0xc3, 0xa9]), msg('\r\n\r\n')]));
    expect(m.target).toBe('/p?n=\xe9\xff');
    expect(m.rawHeaders[0]).toEqual(['X-N', '\xc3\xa9']);
  });

  it('undoes chunked framing: extensions, LF-only lines, trailers, the zero chunk', () => {
    const m = parseRawMessage(msg('POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n4;ext=1\r\nWiki\r\n5\npedia\n0\r\nX-Trailer: t\r\n\r\n'));
    expect(m.body.toString()).toBe('Wikipedia');
    expect(m.trailers).toEqual([['X-Trailer', 't']]);
    expect(m.warnings).toEqual([]);
  });

  it('reads back exactly what GET /api/exchanges/:id/raw produces, chunked or not', () => {
    const body = Buffer.from([0, 1, 2, 0x0d, 0x0a, 0x0d, 0x0a, 255]);
    for (const headers of [[['Content-Length', String(body.length)]], [['Transfer-Encoding', 'chunked']]] as Array<Array<[string, string]>>) {
      const e = stored({ target: '/pb?x=%20+\xe9', rawHeaders: [['HOST', 'h'], ...headers, ['x-sig', 'a==']], body, bodySize: body.length });
      const m = parseRawMessage(rawRequestMessage(e));
      expect({ method: m.method, target: m.target, rawHeaders: m.rawHeaders }).toEqual({ method: e.method, target: e.target, rawHeaders: e.rawHeaders });
      expect(m.body.equals(body)).toBe(true);
      expect(m.warnings).toEqual([]);
    }
    const empty = parseRawMessage(rawRequestMessage(stored({ rawHeaders: [['Transfer-Encoding', 'chunked']] })));
    expect(empty.body.length).toBe(0);
  });

  it('tolerates what editors do (BOM, leading blank lines, final newline) and says so', () => {
    const m = parseRawMessage(msg('\xef\xbb\xbf\r\nPOST /pb HTTP/1.1\r\nContent-Length: 2\r\n\r\nok\n'));
    expect(m.method).toBe('POST');
    expect(m.body.toString()).toBe('ok');
    expect(m.warnings.join('\n')).toMatch(/byte order mark[\s\S]*ignored 1 bytes after the Content-Length 2 body/);
    // No framing headers: an editor's newline is no body.
    expect(parseRawMessage(msg('GET /pb HTTP/1.1\nHost: h\n\n\n')).body.length).toBe(0);
  });

  it('takes a hand-typed body without Content-Length, with a warning; a short body too', () => {
    const m = parseRawMessage(msg('POST /pb HTTP/1.1\r\n\r\na=1&b=2'));
    expect(m.body.toString()).toBe('a=1&b=2');
    expect(m.warnings[0]).toMatch(/no Content-Length/);
    const short = parseRawMessage(msg('POST /pb HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc'));
    expect(short.body.toString()).toBe('abc');
    expect(short.warnings[0]).toMatch(/7 bytes shorter/);
  });

  it('accepts a request line without version, folded headers and space before the colon', () => {
    const m = parseRawMessage(msg('GET /pb?x=1\nX-Long: a\n  b\nX-Sp : v\n\n'));
    expect(m.httpVersion).toBeNull();
    expect(m.rawHeaders).toEqual([['X-Long', 'a b'], ['X-Sp', 'v']]);
    expect(m.warnings).toHaveLength(3);
  });

  it('ends the head at the end of the file when there is no blank line', () => {
    const m = parseRawMessage(msg('GET /pb HTTP/1.1\r\nHost: h'));
    expect(m.rawHeaders).toEqual([['Host', 'h']]);
    expect(m.body.length).toBe(0);
  });

  it.each([
    ['', /empty/],
    ['\r\n\r\n', /empty/],
    ['HTTP/1.1 200 OK\r\n\r\n', /response, not a request/],
    ['GET\r\n\r\n', /line 1: expected "METHOD target/],
    ['G(T /x HTTP/1.1\r\n\r\n', /not an HTTP method/],
    ['GET /x HTTP/x\r\n\r\n', /not an HTTP version/],
    ['GET /x HTTP/1.1\r\nno colon here\r\n\r\n', /line 2: expected "Name: value"/],
    ['GET /x HTTP/1.1\r\n folded first\r\n\r\n', /continuation line/],
    ['GET /x HTTP/1.1\r\nBad Name: v\r\n\r\n', /not a valid header name/],
    ['POST /x HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab', /conflicting Content-Length/],
    ['POST /x HTTP/1.1\r\nContent-Length: -1\r\n\r\n', /not a number/],
    ['POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n', /not a chunk size/],
    ['POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nabc', /cut short/],
    ['POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcd\r\n0\r\n\r\n', /no line break after a 3-byte chunk/],
    ['POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n', /before its last/],
    ['POST /x HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\nxx', /does not end in chunked/],
  ])('refuses %j', (text, error) => {
    expect(() => parseRawMessage(msg(text))).toThrow(RawMessageError);
    expect(() => parseRawMessage(msg(text))).toThrow(error);
  });
});
