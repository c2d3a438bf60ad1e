import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeCapture } from '../../../src/http/capture.js';
import { nodeAt, parseJson, valueText } from '../../../src/http/json.js';
import type { RawRequest } from '../../../src/http/raw-request.js';

const req = (target: string, headers: Array<[string, string]> = [], body: Buffer | string = ''): RawRequest => ({
  method: 'POST',
  target,
  rawHeaders: headers,
  body: typeof body === 'string' ? Buffer.from(body, 'utf8') : body,
});
const opts = { maxDecodedBytes: 1 << 20 };
const pairs = (r: RawRequest) => decodeCapture(r, opts).fields.map((f) => [f.source, f.name, f.value, f.rawValue]);

describe('decodeCapture', () => {
  it('reads query fields with their raw form', () => {
    expect(pairs(req('/pb?click_id=a%20b&x=1+2'))).toEqual([
      ['query', 'click_id', 'a b', 'a%20b'],
      ['query', 'x', '1 2', '1+2'],
    ]);
  });

  it('reads a gzip JSON body leaf by path, numbers as written', () => {
    const body = gzipSync(Buffer.from('{"click_id":12345678901234567890,"user":{"id":"u1","score":1.50},"items":[{"sku":"s"}],"none":null}'));
    const d = decodeCapture(req('/pb?a=1', [['Content-Type', 'application/json'], ['Content-Encoding', 'gzip']], body), opts);
    expect(d.bodyKind).toBe('json');
    expect(d.bodyProblem).toBeNull();
    expect(d.fields.map((f) => [f.source, f.name, f.value, f.rawValue, f.jsonType ?? null])).toEqual([
      ['query', 'a', '1', '1', null],
      ['json', 'click_id', '12345678901234567890', '12345678901234567890', 'number'],
      ['json', 'user.id', 'u1', '"u1"', 'string'],
      ['json', 'user.score', '1.50', '1.50', 'number'],
      ['json', 'items.0.sku', 's', '"s"', 'string'],
      ['json', 'none', '', 'null', 'null'],
    ]);
    expect(d.fields.find((f) => f.name === 'user.id')!.path).toEqual(['user', 'id']);
  });

  it('reads a multipart body', () => {
    const body = ['--XyZ', 'Content-Disposition: form-data; name="click_id"', '', '987', '--XyZ', 'Content-Disposition: form-data; name="event"', '', 'install', '--XyZ--', ''].join('\r\n');
    expect(pairs(req('/pb', [['Content-Type', 'multipart/form-data; boundary=XyZ']], body))).toEqual([
      ['multipart', 'click_id', '987', null],
      ['multipart', 'event', 'install', null],
    ]);
  });

  it('reads a form body, declared or untyped', () => {
    expect(pairs(req('/pb', [['Content-Type', 'application/x-www-form-urlencoded']], 'a=%41&b=c+d'))).toEqual([
      ['form', 'a', 'A', '%41'],
      ['form', 'b', 'c d', 'c+d'],
    ]);
    expect(pairs(req('/pb', [], 'click_id=7'))).toEqual([['form', 'click_id', '7', '7']]);
  });

  it('names why a body could not be read', () => {
    const bomb = decodeCapture(req('/pb', [['Content-Encoding', 'gzip']], gzipSync(Buffer.alloc(4096))), { maxDecodedBytes: 100 });
    expect(bomb.bodyProblem).toMatch(/^body not decoded: gzip: decoded size exceeds/);
    expect(bomb.encodingError).not.toBeNull();
    const bad = decodeCapture(req('/pb', [['Content-Type', 'application/json']], '{"a":'), opts);
    expect(bad.bodyProblem).toMatch(/^JSON body does not parse/);
    expect(bad.json).toBeNull();
  });
});

describe('lossless JSON values', () => {
  it('renders nested values as compact JSON with numbers as written; duplicate keys read as the last', () => {
    const root = parseJson('{"a":{"n":1.0,"s":"x\\"y","l":[1e2,true,null]},"d":1,"d":2}');
    expect(valueText(nodeAt(root, ['a'])!)).toBe('{"n":1.0,"s":"x\\"y","l":[1e2,true,null]}');
    expect(valueText(nodeAt(root, ['d'])!)).toBe('2');
    expect(nodeAt(root, ['a', 'l', '0'])).toMatchObject({ type: 'number', raw: '1e2' });
    expect(nodeAt(root, ['missing', 'x'])).toBeUndefined();
  });
});
