import { describe, expect, it } from 'vitest';
import { diffExchanges, type ExchangeSide } from '../../../src/diff/index.js';
import { json, side } from './helpers.js';

const FORM: Array<[string, string]> = [['Content-Type', 'application/x-www-form-urlencoded']];

describe('ignore rules', () => {
  it('a bare name ignores a query param: reported, flagged, not counted', () => {
    const r = diffExchanges(side('/pb?a=1&ts=100'), side('/pb?a=1&ts=200'), { ignore: ['ts'] });
    expect(r.identical).toBe(true);
    expect(r.query[1]).toMatchObject({ kind: 'changed', name: 'ts', ignored: true, counted: false });
    expect(r.summary).toContain('params identical (1 ignored)');
  });

  it('a bare name also ignores a header (case-insensitively), a form field and a top-level JSON member', () => {
    expect(diffExchanges(side('/pb', [['X-Ts', '1']]), side('/pb', [['x-ts', '2']]), { ignore: ['X-TS'] }).identical).toBe(true);
    expect(diffExchanges(side('/pb', FORM, 'ts=1&a=1'), side('/pb', FORM, 'ts=2&a=1'), { ignore: ['ts'] }).identical).toBe(true);
    expect(diffExchanges(json('{"ts":1,"a":1}'), json('{"ts":2,"a":1}'), { ignore: ['ts'] }).identical).toBe(true);
    // …but not the same key deeper down: that needs a path.
    expect(diffExchanges(json('{"m":{"ts":1}}'), json('{"m":{"ts":2}}'), { ignore: ['ts'] }).identical).toBe(false);
  });

  it('scoped rules stay in their scope', () => {
    const a = side('/pb?sig=1', [['Sig', '1']]);
    const b = side('/pb?sig=2', [['Sig', '2']]);
    expect(diffExchanges(a, b, { ignore: ['query.sig'] }).differences).toBe(1);
    expect(diffExchanges(a, b, { ignore: ['header.sig'] }).differences).toBe(1);
    expect(diffExchanges(a, b, { ignore: ['query.sig', 'headers.Sig'] }).differences).toBe(0);
  });

  it('JSON paths: $.x, body.x, subtree prefixes and wildcards', () => {
    const a = json('{"ts":1,"meta":{"a":1,"b":[1]},"items":[{"ts":5,"p":1},{"ts":6,"p":2}]}');
    const b = json('{"ts":2,"meta":{"a":2,"b":[2,3]},"items":[{"ts":7,"p":1},{"ts":8,"p":2}]}');
    expect(diffExchanges(a, b).differences).toBe(6);
    const r = diffExchanges(a, b, { ignore: ['$.ts', 'body.meta', '$.items[*].ts'] });
    expect(r.identical).toBe(true);
    const e = r.body.kind === 'json' ? r.body.entries : [];
    // An ignored subtree that differs is one ignored entry, not one per leaf.
    expect(e.map((x) => `${x.path}:${x.ignored}`)).toEqual(['$.ts:true', '$.meta:true', '$.items[0].ts:true', '$.items[1].ts:true']);
  });

  it('index paths and quoted keys', () => {
    const a = json('{"a b":[1,2]}');
    const b = json('{"a b":[1,3]}');
    expect(diffExchanges(a, b, { ignore: ['$["a b"][1]'] }).identical).toBe(true);
    expect(diffExchanges(a, b, { ignore: ['$["a b"][0]'] }).identical).toBe(false);
  });

  it('ignores added and removed members under an ignored path too', () => {
    expect(diffExchanges(json('{"a":1}'), json('{"a":1,"debug":{"x":1}}'), { ignore: ['$.debug'] }).identical).toBe(true);
  });

  it('"body" ignores the whole body of any kind, keeping the details', () => {
    const bin = (bytes: number[]): ExchangeSide => side('/pb', [['Content-Type', 'application/octet-stream']], Uint8Array.from(bytes));
    const r = diffExchanges(bin([1, 2]), bin([1, 3]), { ignore: ['body'] });
    expect(r.identical).toBe(true);
    expect(r.body).toMatchObject({ kind: 'binary', ignored: true, differences: 0, firstDifference: { offset: 1 } });
    const j = diffExchanges(json('{"a":1}'), json('{"a":2}'), { ignore: ['body'] });
    expect(j.body.kind === 'json' && j.body.entries[0]).toMatchObject({ ignored: true, counted: false });
    expect(j.summary).toContain('body ignored');
  });

  it('a malformed path rule ignores nothing', () => {
    expect(diffExchanges(json('{"a":1}'), json('{"a":2}'), { ignore: ['$.a[', '$..'] }).identical).toBe(false);
  });

  it('ignored params do not take part in the order check', () => {
    const r = diffExchanges(side('/pb?ts=1&a=1&b=2'), side('/pb?a=1&b=2&ts=1'), { ignore: ['ts'], paramOrder: true });
    expect(r.query.some((e) => e.kind === 'order')).toBe(false);
    expect(r.identical).toBe(true);
  });
});
