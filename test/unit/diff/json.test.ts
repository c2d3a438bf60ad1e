import { describe, expect, it } from 'vitest';
import { diffExchanges, JsonParseError, numbersEqual, parseJson, type JsonDiffEntry } from '../../../src/diff/index.js';
import { json } from './helpers.js';

function entries(a: string, b: string, opts = {}): JsonDiffEntry[] {
  const body = diffExchanges(json(a), json(b), opts).body;
  if (body.kind !== 'json') throw new Error(`expected json, got ${body.kind}`);
  return body.entries;
}

describe('lossless JSON parser', () => {
  it('keeps number literals as source text', () => {
    const n = parseJson('{"id": 12345678901234567890, "p": 1.0, "e": -2.5E+3}');
    expect(n.type === 'object' && n.members.map((m) => (m.value.type === 'number' ? m.value.raw : ''))).toEqual([
      '12345678901234567890',
      '1.0',
      '-2.5E+3',
    ]);
  });

  it('decodes escapes, including surrogate pairs, and keeps duplicate keys', () => {
    const n = parseJson('{"a":"\\u00e9\\ud83d\\ude00\\n","a":2}');
    expect(n.type === 'object' && n.members.map((m) => m.key)).toEqual(['a', 'a']);
    expect(n.type === 'object' && n.members[0]?.value).toMatchObject({ type: 'string', value: 'é😀\n' });
  });

  it.each(['{"a":1,}', '[01]', '{"a" 1}', '"\u0001"', '[1] x', "{'a':1}", '-', 'nul'])('rejects %s', (text) => {
    expect(() => parseJson(text)).toThrow(JsonParseError);
  });

  it('caps nesting instead of overflowing the stack', () => {
    expect(() => parseJson('['.repeat(100_000))).toThrow(/nesting too deep/);
  });

  it('compares numbers exactly, without floats', () => {
    expect(numbersEqual('1.0', '1')).toBe(true);
    expect(numbersEqual('10E-1', '1')).toBe(true);
    expect(numbersEqual('-0', '0')).toBe(true);
    expect(numbersEqual('12345678901234567890', '12345678901234567891')).toBe(false);
    expect(numbersEqual('0.1', '0.10000000000000001')).toBe(false);
  });
});

describe('JSON body diff', () => {
  it('reports paths like $.items[2].price', () => {
    const a = '{"items":[{"price":1},{"price":2},{"price":"3.00"}]}';
    const b = '{"items":[{"price":1},{"price":2},{"price":"3.50"}]}';
    expect(entries(a, b)).toEqual([
      expect.objectContaining({ kind: 'changed', path: '$.items[2].price', left: '"3.00"', right: '"3.50"', counted: true }),
    ]);
  });

  it('never confuses big integers that JSON.parse would round to the same double', () => {
    expect(JSON.parse('12345678901234567890')).toBe(JSON.parse('12345678901234567891'));
    const [e] = entries('{"id":12345678901234567890}', '{"id":12345678901234567891}');
    expect(e).toMatchObject({ kind: 'changed', path: '$.id', left: '12345678901234567890', right: '12345678901234567891' });
    expect(e?.note).toBeUndefined();
  });

  it('1.0 vs 1 is a counted change, annotated as numerically equal', () => {
    const r = diffExchanges(json('{"payout":1.0}'), json('{"payout":1}'));
    expect(r.identical).toBe(false);
    expect(r.body.kind === 'json' && r.body.entries[0]).toMatchObject({
      kind: 'changed', path: '$.payout', left: '1.0', right: '1', note: 'numerically equal, source text differs',
    });
    expect(r.summary).toContain('body: 1 path changed');
  });

  it('reports added, removed and type changes', () => {
    const e = entries('{"a":1,"b":[1,2],"c":"1"}', '{"a":1,"b":[1],"c":1,"d":null}');
    expect(e.map((x) => `${x.kind} ${x.path}`)).toEqual(['removed $.b[1]', 'changed $.c', 'added $.d']);
    expect(e[1]?.note).toBe('type string → number');
  });

  it('formatting, escapes and key order are not differences', () => {
    const r = diffExchanges(json('{"a":"\\u0041","b":1}'), json('{ "b": 1,\n  "a": "A" }'));
    expect(r.identical).toBe(true);
    const e = r.body.kind === 'json' ? r.body.entries : [];
    expect(e.map((x) => x.kind).sort()).toEqual(['encoding-only', 'order']);
    expect(e.every((x) => !x.counted)).toBe(true);
    expect(r.summary).toContain('body identical (1 encoding-only, key order differs)');
  });

  it('quotes awkward keys in paths', () => {
    const [e] = entries('{"a b":{"x.y":1}}', '{"a b":{"x.y":2}}');
    expect(e?.path).toBe('$["a b"]["x.y"]');
  });

  it('index mode cascades on an insertion; move-aware reports one addition', () => {
    const a = '{"items":["x","y","z"]}';
    const b = '{"items":["w","x","y","z"]}';
    expect(entries(a, b).map((x) => x.kind)).toEqual(['changed', 'changed', 'changed', 'added']);
    expect(entries(a, b, { jsonArrays: 'move-aware' })).toEqual([
      expect.objectContaining({ kind: 'added', path: '$.items[0]', right: '"w"' }),
    ]);
  });

  it('move-aware reports a moved element once, and still diffs changed elements in place', () => {
    const a = '[{"id":1},{"id":2},{"id":3},{"id":4,"v":"a"}]';
    const b = '[{"id":3},{"id":1},{"id":2},{"id":4,"v":"b"}]';
    const e = entries(a, b, { jsonArrays: 'move-aware' });
    expect(e.map((x) => `${x.kind} ${x.path}${x.rightPath ? ` → ${x.rightPath}` : ''}`)).toEqual([
      'changed $[3].v',
      'moved $[2] → $[0]',
    ]);
  });

  it('duplicate keys are compared occurrence by occurrence', () => {
    const e = entries('{"a":1,"a":2}', '{"a":1}');
    expect(e).toEqual([expect.objectContaining({ kind: 'removed', path: '$.a', left: '2', note: 'duplicate key' })]);
  });
});

describe('JSON body diff: limits', () => {
  it('falls back to index comparison for arrays too large to align, and says so', () => {
    const arr = (d: number) => JSON.stringify(Array.from({ length: 2001 }, (_, i) => (i === 5 ? d : i)));
    const body = diffExchanges(json(arr(-1)), json(arr(-2)), { jsonArrays: 'move-aware' }).body;
    expect(body.kind === 'json' && body.entries.map((e) => e.path)).toEqual(['$[5]']);
    expect(body.notes).toEqual(['$: too large for move-aware alignment, compared by index']);
  });
});
