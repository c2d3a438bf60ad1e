import { describe, expect, it } from 'vitest';
import { makeGenerator, makeValues, validateGenerator } from '../../src/sender/generators.js';
import { percentile, summarizeLatency } from '../../src/sender/stats.js';
import { parseTemplateSpec } from '../../src/sender/template-spec.js';

describe('value generators', () => {
  it('sequence with start, step, prefix and padding', () => {
    const g = makeGenerator({ kind: 'sequence', start: 5, step: 5, prefix: 'c-', pad: 3 });
    expect([0, 1, 2].map(g)).toEqual(['c-005', 'c-010', 'c-015']);
    expect(makeGenerator({ kind: 'sequence' })(0)).toBe('1');
  });

  it('list: cycle in order or random', () => {
    expect([0, 1, 2].map(makeGenerator({ kind: 'list', values: ['a', 'b'], order: 'cycle' }))).toEqual(['a', 'b', 'a']);
    const random = makeGenerator({ kind: 'list', values: ['x', 'y'] });
    expect(new Set(Array.from({ length: 50 }, (_, i) => random(i)))).toEqual(new Set(['x', 'y']));
  });

  it('uuid and random numbers in range with decimals', () => {
    const ids = Array.from({ length: 20 }, (_, i) => makeGenerator({ kind: 'uuid' })(i));
    expect(new Set(ids).size).toBe(20);
    for (let i = 0; i < 50; i++) expect(makeGenerator({ kind: 'random-number', min: 1, max: 2, decimals: 2 })(i)).toMatch(/^(1\.\d\d|2\.00)$/);
  });

  it('all of a run at once, and validation', () => {
    expect(makeValues({ n: { kind: 'sequence' }, e: { kind: 'list', values: ['i'], order: 'cycle' } })(3)).toEqual({ n: '4', e: 'i' });
    expect(validateGenerator('x', { kind: 'dice' })).toContain('kind');
    expect(validateGenerator('x', { kind: 'random-number', min: 3, max: 1 })).toContain('min');
  });
});

describe('latency summary', () => {
  it('nearest-rank percentiles', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect([50, 90, 99, 100].map((p) => percentile(values, p))).toEqual([50, 90, 99, 100]);
    expect(summarizeLatency([3, 1, 2])).toEqual({ p50: 2, p90: 3, p99: 3, mean: 2, max: 3 });
    expect(summarizeLatency([])).toBeNull();
  });
});

describe('template specs from outside', () => {
  it('fills defaults and names the bad field', () => {
    expect(parseTemplateSpec({ url: ' http://x/pb ' })).toEqual({ name: 'Untitled template', method: 'GET', url: 'http://x/pb', headers: [], bodyMode: 'none', body: '', dialect: 'curly' });
    expect(parseTemplateSpec({ url: 'http://x/', body: 'raw' }).bodyMode).toBe('raw');
    expect(() => parseTemplateSpec({})).toThrow('template.url');
    expect(() => parseTemplateSpec({ url: 'http://x', headers: [['a']] })).toThrow('template.headers');
    expect(() => parseTemplateSpec({ url: 'http://x', retry: { kind: 'preset', preset: 'nope' } })).toThrow('unknown retry preset');
    expect(() => parseTemplateSpec({ url: 'http://x', encode: { a: 'twice' } })).toThrow('template.encode');
  });
});
