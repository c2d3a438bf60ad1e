import { describe, expect, it } from 'vitest';
import { parseRawMessage, parseRawRequest, RawMessageError } from '../../../src/http/raw-message.js';

const msg = (text: string) => Buffer.from(text, 'latin1');

describe('one raw HTTP message parser, two readings', () => {
  it('the lenient reading quotes the offending line; the verify reading only describes it', () => {
    const text = 'POST /x HTTP/1.1\r\nAuthorization Bearer s3cret\r\n\r\n';
    expect(() => parseRawMessage(msg(text))).toThrow(/got "Authorization Bearer s3cret"/);
    expect(() => parseRawRequest(msg(text))).toThrow(RawMessageError);
    expect(() => parseRawRequest(msg(text))).not.toThrow(/s3cret/);
  });

  it('a short body is a warning when comparing, an error when verifying', () => {
    const text = 'POST /x HTTP/1.1\r\nContent-Length: 5\r\n\r\nab';
    expect(parseRawMessage(msg(text)).lengthMismatch).toMatchObject({ declared: 5, received: 2 });
    expect(() => parseRawRequest(msg(text))).toThrow(/cut short/);
  });

  it('verify needs the HTTP version and splits an absolute-form target into the signed URL and the target', () => {
    expect(() => parseRawRequest(msg('GET /pb?x=1\r\n\r\n'))).toThrow(/not an HTTP\/1.x request line/);
    const m = parseRawRequest(msg('get http://p.example/pb?a=1 HTTP/1.1\r\nContent-Length: 2\r\n\r\nok\n'));
    expect(m).toEqual({
      request: { method: 'GET', target: '/pb?a=1', rawHeaders: [['Content-Length', '2']], body: Buffer.from('ok') },
      fullUrl: 'http://p.example/pb?a=1',
      notes: ['1 byte(s) after the Content-Length body were ignored'],
    });
  });
});
