import { describe, expect, it } from 'vitest';
import { parseMultipart } from '../../src/decode/multipart.js';

const crlf = (lines: string[]): Buffer => Buffer.from(lines.join('\r\n'), 'latin1');

describe('parseMultipart', () => {
  it('splits parts, keeps their headers, names, filenames, sizes and text', () => {
    const body = crlf([
      'preamble is ignored',
      '--b0undary',
      'Content-Disposition: form-data; name="event"',
      '',
      'purchase',
      '--b0undary',
      'Content-Disposition: form-data; name="payload"; filename="data.json"',
      'Content-Type: application/json',
      '',
      '{"a":1}',
      '--b0undary--',
      'epilogue is ignored',
    ]);
    const { parts, error } = parseMultipart(body, 'multipart/form-data; boundary=b0undary');
    expect(error).toBeNull();
    expect(parts).toEqual([
      { headers: [['Content-Disposition', 'form-data; name="event"']], name: 'event', filename: null, size: 8, text: 'purchase' },
      {
        headers: [
          ['Content-Disposition', 'form-data; name="payload"; filename="data.json"'],
          ['Content-Type', 'application/json'],
        ],
        name: 'payload',
        filename: 'data.json',
        size: 7,
        text: '{"a":1}',
      },
    ]);
  });

  it('keeps binary file content out of text but counts its bytes, CRLF inside content included', () => {
    const content = Buffer.from([0x00, 0x0d, 0x0a, 0x10, 0xff]);
    const body = Buffer.concat([
      Buffer.from('--B\r\nContent-Disposition: form-data; name="f"; filename="x.bin"\r\n\r\n'),
      content,
      Buffer.from('\r\n--B--'),
    ]);
    const { parts, error } = parseMultipart(body, 'multipart/form-data; boundary="B"');
    expect(error).toBeNull();
    expect(parts).toHaveLength(1);
    expect(parts[0]).toMatchObject({ name: 'f', filename: 'x.bin', size: content.length, text: null });
  });

  it('reads a quoted boundary with characters that would end an unquoted one', () => {
    const body = crlf(['--a b;c', 'Content-Disposition: form-data; name="x"', '', '1', '--a b;c--']);
    const { parts, error } = parseMultipart(body, 'multipart/form-data; boundary="a b;c"');
    expect(error).toBeNull();
    expect(parts.map((p) => p.text)).toEqual(['1']);
  });

  it('keeps an empty part', () => {
    const body = crlf(['--B', 'Content-Disposition: form-data; name="empty"', '', '', '--B--']);
    const { parts } = parseMultipart(body, 'multipart/form-data; boundary=B');
    expect(parts).toEqual([{ headers: [['Content-Disposition', 'form-data; name="empty"']], name: 'empty', filename: null, size: 0, text: '' }]);
  });

  it('returns the parts read so far when the closing boundary is missing', () => {
    const body = crlf(['--B', 'Content-Disposition: form-data; name="a"', '', '1', '--B', 'Content-Disposition: form-data; name="b"', '', 'cut off here']);
    const { parts, error } = parseMultipart(body, 'multipart/form-data; boundary=B');
    expect(parts.map((p) => p.name)).toEqual(['a']);
    expect(error).toBe('closing boundary missing (body truncated?)');
  });

  it('reports a missing boundary parameter and a boundary absent from the body', () => {
    expect(parseMultipart(Buffer.from('--B\r\n\r\nx\r\n--B--'), 'multipart/form-data')).toEqual({ parts: [], error: 'multipart body without a boundary parameter' });
    expect(parseMultipart(Buffer.from('no delimiters here'), 'multipart/form-data; boundary=B')).toEqual({ parts: [], error: 'boundary not found in body' });
  });

  it('gives no text for a large part', () => {
    const big = 'x'.repeat(64 * 1024 + 1);
    const { parts } = parseMultipart(crlf(['--B', 'Content-Disposition: form-data; name="big"', '', big, '--B--']), 'multipart/form-data; boundary=B');
    expect(parts[0]).toMatchObject({ size: big.length, text: null });
  });
});
