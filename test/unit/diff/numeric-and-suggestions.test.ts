import { describe, expect, it } from 'vitest';
import { diffExchanges } from '../../../src/diff/index.js';
import { numericFormatSuggestion, suggestIgnoreRules } from '../../../src/diff/suggest-rules.js';

const get = (url: string) => ({ method: 'GET', url, rawHeaders: [] as Array<[string, string]>, body: new Uint8Array() });
const json = (text: string) => ({ method: 'POST', url: '/pb', rawHeaders: [['Content-Type', 'application/json']] as Array<[string, string]>, body: new TextEncoder().encode(text) });

describe('numerically equal values', () => {
  it('labels 3.10 vs 3.1 as changed but numerically equal, and still counts it by default', () => {
    const d = diffExchanges(get('/pb?payout=3.10&c=USD'), get('/pb?payout=3.1&c=USD'));
    const payout = d.query.find((e) => e.kind !== 'order' && e.name === 'payout');
    expect(payout).toMatchObject({ kind: 'changed', numericEqual: true, counted: true, note: 'numerically equal (3.10 = 3.1)' });
    expect(d.differences).toBe(1);
  });

  it('counts it as noise with the ~numeric-format rule, and the summary says so', () => {
    const d = diffExchanges(get('/pb?payout=3.10'), get('/pb?payout=3.1'), { ignore: ['~numeric-format'] });
    expect(d.identical).toBe(true);
    expect(d.summary).toContain('params identical (1 numerically equal)');
  });

  it('does the same for JSON numbers (1.50 vs 1.5)', () => {
    const d = diffExchanges(json('{"payout":1.50}'), json('{"payout":1.5}'), { ignore: ['~numeric-format'] });
    expect(d.body.kind === 'json' && d.body.entries[0]).toMatchObject({ numericEqual: true, counted: false });
    expect(d.summary).toContain('1 numerically equal');
  });

  it('does not call different numbers, or non-numbers, numerically equal', () => {
    const d = diffExchanges(get('/pb?a=3.1&b=abc&c=1.0x'), get('/pb?a=3.2&b=abd&c=1x'));
    expect(d.query.filter((e) => e.kind === 'changed' && e.numericEqual)).toEqual([]);
    expect(d.differences).toBe(3);
  });
});

describe('ignore-rule suggestions', () => {
  const capture = (i: number, event = 'install') => [
    { name: 'click_id', value: `c-${i}` },
    { name: 'event', value: event },
    { name: 'ts', value: String(1700000000 + i) },
    { name: 'sig', value: `s${i * 7}` },
  ];

  it('suggests params that differ in every capture, not those that repeat', () => {
    const s = suggestIgnoreRules([capture(1), capture(2), capture(3, 'purchase')]);
    expect(s.map((x) => x.rule)).toEqual(['click_id', 'ts', 'sig']);
    expect(s[0]).toEqual({ rule: 'click_id', reason: 'a different value in each of 3 captures', samples: ['c-1', 'c-2', 'c-3'] });
  });

  it('does not suggest a value written differently but numerically the same (3.10, 3.1, 3.100)', () => {
    const withPayout = (i: number, payout: string) => [...capture(i), { name: 'payout', value: payout }];
    const s = suggestIgnoreRules([withPayout(1, '3.10'), withPayout(2, '3.1'), withPayout(3, '3.100')]);
    expect(s.map((x) => x.rule)).not.toContain('payout');
  });

  it('skips params missing from a capture, names already ignored, and too few captures', () => {
    const missing = [...capture(2)].filter((p) => p.name !== 'sig');
    expect(suggestIgnoreRules([capture(1), missing], ['ts']).map((x) => x.rule)).toEqual(['click_id']);
    expect(suggestIgnoreRules([capture(1)])).toEqual([]);
  });

  it('offers ~numeric-format only when a comparison found numerically equal changes', () => {
    expect(numericFormatSuggestion(0)).toBeNull();
    expect(numericFormatSuggestion(2)?.rule).toBe('~numeric-format');
    expect(numericFormatSuggestion(2, ['~numeric-format'])).toBeNull();
  });
});
