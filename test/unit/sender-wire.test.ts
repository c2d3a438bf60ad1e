import { describe, expect, it } from 'vitest';
import { exactMessage, exactSentHeaders } from '../../src/sender/exact-transport.js';
import { pooledRefusal, pooledSentHeaders } from '../../src/sender/pooled-transport.js';
import { dechunk, framing, parseHead } from '../../src/sender/response-parser.js';
import type { WireRequest } from '../../src/sender/transport.js';
import { describeWireError } from '../../src/sender/wire-errors.js';

const request = (over: Partial<WireRequest>): WireRequest => ({ method: 'GET', origin: 'http://h.example:8080', target: '/pb?a=1', headers: [], body: Buffer.alloc(0), ...over });

describe('headers as each transport writes them', () => {
  it('pooled (undici): host, connection first, ours in order, content-length last', () => {
    expect(pooledSentHeaders(request({ headers: [['X-A', '1'], ['x-b', '2']] }))).toEqual([['host', 'h.example:8080'], ['connection', 'keep-alive'], ['X-A', '1'], ['x-b', '2']]);
    expect(pooledSentHeaders(request({ method: 'POST', headers: [['Content-Length', '99'], ['Host', 'v.example']], body: Buffer.from('abc') }))).toEqual([
      ['host', 'v.example'], ['connection', 'keep-alive'], ['content-length', '3'],
    ]);
    expect(pooledSentHeaders(request({ method: 'POST' }))).toContainEqual(['content-length', '0']);
    expect(pooledSentHeaders(request({ method: 'HEAD' }))[1]).toEqual(['connection', 'close']);
    expect(pooledSentHeaders(request({ headers: [['Connection', 'close']] }))).toEqual([['host', 'h.example:8080'], ['connection', 'close']]);
    expect(pooledSentHeaders(request({ origin: 'https://h.example:443' }))[0]).toEqual(['host', 'h.example']);
  });

  it('undici refuses some headers as written: those requests go exact', () => {
    expect(pooledRefusal([['Transfer-Encoding', 'chunked']])).toContain('Transfer-Encoding');
    expect(pooledRefusal([['Expect', '100-continue']])).toContain('Expect');
    expect(pooledRefusal([['Connection', 'Upgrade']])).toContain('Connection');
    expect(pooledRefusal([['Connection', 'close'], ['X', 'y']])).toBeNull();
  });

  it('exact: given headers untouched, Host added first when missing, Content-Length fixed in place', () => {
    const body = Buffer.from('hello');
    expect(exactSentHeaders(request({ headers: [['x-A', '1'], ['content-length', '2'], ['X-a', '3']], body }))).toEqual([['Host', 'h.example:8080'], ['x-A', '1'], ['content-length', '5'], ['X-a', '3']]);
    expect(exactSentHeaders(request({ headers: [['HOST', 'kept']], body }))).toEqual([['HOST', 'kept'], ['Content-Length', '5']]);
    expect(exactMessage(request({ method: 'POST', headers: [['Host', 'h'], ['Transfer-Encoding', 'chunked']], body })).toString()).toBe(
      'POST /pb?a=1 HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n',
    );
  });
});

describe('response parsing (exact transport)', () => {
  it('reads the head, keeps header casing, and picks the framing', () => {
    const head = parseHead(Buffer.from('HTTP/1.1 200 OK\r\nX-Case: A\r\ncontent-length: 2\r\n\r\nOK'))!;
    expect(head.status).toBe(200);
    expect(head.rawHeaders).toEqual([['X-Case', 'A'], ['content-length', '2']]);
    expect(head.rest.toString()).toBe('OK');
    expect(framing('GET', 200, head.rawHeaders)).toEqual({ kind: 'length', length: 2 });
    expect(framing('HEAD', 200, head.rawHeaders)).toEqual({ kind: 'none' });
    expect(framing('GET', 204, [])).toEqual({ kind: 'none' });
    expect(framing('GET', 200, [['Transfer-Encoding', 'gzip, chunked']])).toEqual({ kind: 'chunked' });
    expect(framing('GET', 200, [])).toEqual({ kind: 'close' });
    expect(parseHead(Buffer.from('HTTP/1.1 200 OK\r\n'))).toBeNull();
    expect(() => parseHead(Buffer.from('SSH-2.0-OpenSSH\r\n\r\n'))).toThrow('not an HTTP/1.x response');
  });

  it('decodes chunked bodies only once complete, trailers dropped', () => {
    const full = Buffer.from('3;ext=1\r\nabc\r\n2\r\nde\r\n0\r\nX-Trailer: t\r\n\r\n');
    expect(dechunk(full)!.toString()).toBe('abcde');
    expect(dechunk(full.subarray(0, 12))).toBeNull();
    expect(dechunk(Buffer.from('0\r\n\r\n'))!.length).toBe(0);
  });
});

describe('errors in plain words', () => {
  it('names the host and what happened', () => {
    expect(describeWireError({ code: 'ECONNREFUSED' }, 'h:1', 100).message).toBe('Connection refused by h:1: nothing is listening there');
    expect(describeWireError({ code: 'UND_ERR_SOCKET', cause: { code: 'ECONNRESET' } }, 'h:1', 100)).toEqual({ code: 'ECONNRESET', message: 'h:1 closed the connection before a complete response' });
    expect(describeWireError({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }, 'h:443', 100).message).toContain('self-signed certificate');
    expect(describeWireError({ code: 'CERT_HAS_EXPIRED' }, 'h:443', 100).message).toContain('has expired');
    expect(describeWireError({ code: 'ERR_TLS_CERT_ALTNAME_INVALID' }, 'h:443', 100).message).toContain('not valid for this host name');
    expect(describeWireError({ code: 'TIMEOUT' }, 'h:1', 250).message).toBe('No complete response from h:1 within 250 ms');
    expect(describeWireError({ code: 'ENOTFOUND' }, 'nowhere.example:80', 100).message).toBe('DNS lookup failed for nowhere.example');
  });
});
