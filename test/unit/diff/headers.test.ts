import { describe, expect, it } from 'vitest';
import { diffExchanges, isVolatileHeader, type HeaderEntry } from '../../../src/diff/index.js';
import { side } from './helpers.js';

type H = Array<[string, string]>;
const diff = (a: H, b: H, opts = {}) => diffExchanges(side('/pb', a), side('/pb', b), opts);
const entries = (a: H, b: H, opts = {}): HeaderEntry[] =>
  diff(a, b, opts).headers.filter((e): e is HeaderEntry => e.kind !== 'order');

describe('headers', () => {
  it('matches names case-insensitively; casing alone is noise', () => {
    const r = diff([['X-Sig', 'abc']], [['x-sig', 'abc']]);
    expect(r.headers).toEqual([
      expect.objectContaining({ kind: 'casing', name: 'x-sig', casing: true, counted: false }),
    ]);
    expect(r.identical).toBe(true);
    expect(r.summary).toContain('headers identical (name casing differs)');
  });

  it('a changed value with different casing is a change that still flags casing', () => {
    const [e] = entries([['X-Sig', 'abc']], [['x-sig', 'abd']]);
    expect(e).toMatchObject({ kind: 'changed', casing: true, counted: true });
  });

  it('order is reported as noise and not counted by default', () => {
    const r = diff([['A', '1'], ['B', '2']], [['B', '2'], ['A', '1']]);
    expect(r.identical).toBe(true);
    expect(r.headers.find((e) => e.kind === 'order')).toMatchObject({ left: ['A', 'B'], right: ['B', 'A'], counted: false });
  });

  it('headerOrder: true counts the order change', () => {
    expect(diff([['A', '1'], ['B', '2']], [['B', '2'], ['A', '1']], { headerOrder: true }).identical).toBe(false);
  });

  it('duplicates are kept and aligned by value', () => {
    const e = entries([['Set-X', '1'], ['Set-X', '2']], [['Set-X', '2']]);
    expect(e.map((x) => x.kind)).toEqual(['removed', 'unchanged']);
    expect(e[0]?.duplicate).toBe(true);
  });

  it('added and removed headers are counted', () => {
    const r = diff([['X-A', '1']], [['X-B', '1']]);
    expect(r.headers.map((e) => e.kind)).toEqual(['removed', 'added']);
    expect(r.summary).toContain('1 header added, 1 removed');
  });
});

describe('volatile headers', () => {
  const left: H = [['Host', 'a:4100'], ['User-Agent', 'curl/8'], ['Date', 'Mon'], ['X-Request-Id', '1'], ['Traceparent', '00-a']];
  const right: H = [['Host', 'b:4100'], ['User-Agent', 'undici'], ['Date', 'Tue'], ['X-Request-Id', '2'], ['Traceparent', '00-b']];

  it('are flagged volatile and not counted by default', () => {
    const r = diff(left, right);
    const e = r.headers.filter((x): x is HeaderEntry => x.kind !== 'order');
    expect(e.every((x) => x.volatile && x.kind === 'changed' && !x.counted)).toBe(true);
    expect(r.identical).toBe(true);
    expect(r.summary).toContain('headers identical (5 volatile)');
  });

  it('count with volatileHeaders: true', () => {
    const r = diff(left, right, { volatileHeaders: true });
    expect(r.differences).toBe(5);
    expect(r.identical).toBe(false);
  });

  it('a volatile header present on one side only is not counted either', () => {
    expect(diff([], [['Content-Length', '12'], ['Accept-Encoding', 'gzip']]).identical).toBe(true);
  });

  it('the list covers tracing families', () => {
    expect(isVolatileHeader('x-b3-traceid')).toBe(true);
    expect(isVolatileHeader('x-signature')).toBe(false);
  });
});
