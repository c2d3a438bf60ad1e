import { describe, expect, it } from 'vitest';
import { diffExchanges, type ParamEntry, type QueryDiffEntry } from '../../../src/diff/index.js';
import { side } from './helpers.js';

const q = (a: string, b: string, opts = {}): QueryDiffEntry[] => diffExchanges(side(a), side(b), opts).query;
const params = (entries: QueryDiffEntry[]): ParamEntry[] => entries.filter((e): e is ParamEntry => e.kind !== 'order');
const kinds = (entries: QueryDiffEntry[]): string[] => params(entries).map((e) => `${e.kind}:${e.name}`);

describe('query params: duplicates', () => {
  it('a=1&a=2 vs a=1 reports the second a as removed (a counted change)', () => {
    const r = diffExchanges(side('/pb?a=1&a=2'), side('/pb?a=1'));
    expect(kinds(r.query)).toEqual(['unchanged:a', 'removed:a']);
    const removed = params(r.query)[1];
    expect(removed?.left?.value).toBe('2');
    expect(removed?.duplicate).toBe(true);
    expect(r.identical).toBe(false);
  });

  it('aligns duplicates by value, not by position', () => {
    // Positional pairing would say "1→2 changed, 2 removed"; the truth is "a=1 removed".
    expect(kinds(q('/pb?a=1&a=2', '/pb?a=2'))).toEqual(['removed:a', 'unchanged:a']);
  });

  it('pairs a changed duplicate in place', () => {
    const e = params(q('/pb?a=1&a=2&a=3', '/pb?a=1&a=9&a=3'));
    expect(e.map((x) => x.kind)).toEqual(['unchanged', 'changed', 'unchanged']);
    expect(e[1]?.left?.value).toBe('2');
    expect(e[1]?.right?.value).toBe('9');
  });
});

describe('query params: order', () => {
  it('order-insensitive by default: order is one noise entry, not counted', () => {
    const r = diffExchanges(side('/pb?a=1&b=2&c=3'), side('/pb?c=3&a=1&b=2'));
    expect(r.identical).toBe(true);
    const order = r.query.find((e) => e.kind === 'order');
    expect(order).toMatchObject({ kind: 'order', left: ['a', 'b', 'c'], right: ['c', 'a', 'b'], counted: false });
    expect(r.summary).toContain('params identical (order differs)');
  });

  it('paramOrder: true counts the order change', () => {
    const r = diffExchanges(side('/pb?a=1&b=2'), side('/pb?b=2&a=1'), { paramOrder: true });
    expect(r.identical).toBe(false);
    expect(r.differences).toBe(1);
    expect(r.summary).toContain('param order changed');
  });

  it('an added param alone is not an order change', () => {
    expect(q('/pb?a=1&b=2', '/pb?x=0&a=1&b=2').some((e) => e.kind === 'order')).toBe(false);
  });
});

describe('query params: encodings', () => {
  it.each([
    ['+ vs %20', '/pb?n=a+b', '/pb?n=a%20b'],
    ['%7B vs {', '/pb?a=%7Bx%7D', '/pb?a={x}'],
    ['lower vs upper hex', '/pb?u=http%3a%2f%2fx', '/pb?u=http%3A%2F%2Fx'],
    ['no = vs empty value', '/pb?flag', '/pb?flag='],
    ['encoded name', '/pb?a%5B%5D=1', '/pb?a[]=1'],
  ])('%s is encoding-only, not a value change', (_label, a, b) => {
    const r = diffExchanges(side(a), side(b));
    const e = params(r.query);
    expect(e).toHaveLength(1);
    expect(e[0]?.kind).toBe('encoding-only');
    expect(e[0]?.counted).toBe(false);
    expect(r.identical).toBe(true);
    expect(r.summary).toContain('params identical (1 encoding-only)');
  });

  it('keeps raw and decoded values side by side', () => {
    const [e] = params(q('/pb?a=%7Bx%7D&b=1+2', '/pb?a={x}&b=1+2'));
    expect(e?.left).toMatchObject({ rawName: 'a', rawValue: '%7Bx%7D', name: 'a', value: '{x}', index: 0 });
    expect(e?.right).toMatchObject({ rawValue: '{x}', value: '{x}' });
  });

  it('+ vs %2B is a real change (space vs plus)', () => {
    expect(kinds(q('/pb?s=a+b', '/pb?s=a%2Bb'))).toEqual(['changed:s']);
  });

  it('different invalid UTF-8 bytes are a change even though both display as U+FFFD', () => {
    const [e] = params(q('/pb?x=%FF', '/pb?x=%FE'));
    expect(e?.left?.value).toBe(e?.right?.value);
    expect(e?.kind).toBe('changed');
  });

  it('decodes UTF-8 and latin1 binary strings alike', () => {
    // Node hands request targets over as binary strings: 'Ã©' is the two bytes of 'é'.
    const [e] = params(q('/pb?n=%C3%A9', '/pb?n=\u00c3\u00a9'));
    expect(e?.kind).toBe('encoding-only');
    expect(e?.right?.value).toBe('é');
  });
});

describe('method and path', () => {
  it('reports a method change and a path change', () => {
    const r = diffExchanges({ ...side('/pb?a=1'), method: 'GET' }, { ...side('/postback?a=1'), method: 'POST' });
    expect(r.method).toMatchObject({ changed: true, counted: true });
    expect(r.path).toMatchObject({ kind: 'changed', counted: true });
    expect(r.summary.startsWith('method GET → POST, path changed')).toBe(true);
  });

  it('path escapes of unreserved chars are encoding-only; %2F is not /', () => {
    expect(diffExchanges(side('/p%62'), side('/pb')).path.kind).toBe('encoding-only');
    expect(diffExchanges(side('/a%2fb'), side('/a%2Fb')).path.kind).toBe('encoding-only');
    expect(diffExchanges(side('/a%2Fb'), side('/a/b')).path.kind).toBe('changed');
  });
});
