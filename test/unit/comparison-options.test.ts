import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compareSides } from '../../src/comparison/compare.js';
import { expectedFromInput, expectedParts, originForm } from '../../src/comparison/expected-request.js';
import { mergeOptions, parseRuleSelector, requestFromQuery, validateIgnoreRulesInput } from '../../src/comparison/options.js';
import { prepareSide } from '../../src/comparison/sides.js';
import { diffToText } from '../../src/comparison/text-report.js';
import { CoreError } from '../../src/errors.js';
import type { IgnoreRules } from '../../src/model/comparison.js';

const saved = (over: Partial<IgnoreRules>): IgnoreRules => ({ scope: 'endpoint', scopeId: 1, ignore: [], updatedAt: 1, ...over });

describe('comparison options', () => {
  it('parses query options: comma lists, repeats, toggles, rule selectors', () => {
    const r = requestFromQuery({ ignore: ['ts,nonce', '$.meta.sig,'], paramOrder: '1', volatileHeaders: '0', jsonArrays: 'move-aware', rules: 'endpoint:3,profile:9' });
    expect(r).toEqual({
      ignore: ['ts', 'nonce', '$.meta.sig'],
      paramOrder: true,
      volatileHeaders: false,
      jsonArrays: 'move-aware',
      rules: [{ scope: 'endpoint', scopeId: 3 }, { scope: 'profile', scopeId: 9 }],
    });
    expect(parseRuleSelector(undefined)).toBe('auto');
    expect(parseRuleSelector('none')).toBe('none');
    expect(() => parseRuleSelector('team:1')).toThrow(/not auto, none/);
    expect(() => requestFromQuery({ paramOrder: 'yes' })).toThrow(/paramOrder must be 1 or 0/);
  });

  it('refuses a malformed JSON path instead of silently ignoring nothing', () => {
    expect(() => requestFromQuery({ ignore: '$.items[' })).toThrow(/not a valid JSON path/);
    expect(() => requestFromQuery({ ignore: 'body.a[' })).toThrow(/not a valid JSON path/);
    expect(requestFromQuery({ ignore: 'body,$,$.items[*].ts,header.date' }).ignore).toEqual(['body', '$', '$.items[*].ts', 'header.date']);
  });

  it('validates saved rules with one field error per problem', () => {
    try {
      validateIgnoreRulesInput({ ignore: ['ok', 7, '', '$.['], paramOrder: 'yes', jsonArrays: 'sideways' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CoreError);
      expect((error as CoreError).code).toBe('INVALID_IGNORE_RULES');
      expect((error as CoreError).fields?.map((f) => f.field)).toEqual(['ignore[1]', 'ignore[2]', 'ignore[3]', 'paramOrder', 'jsonArrays']);
    }
    expect(validateIgnoreRulesInput({ ignore: [' ts ', 'ts'], headerOrder: true })).toEqual({ ignore: ['ts'], headerOrder: true });
    expect(() => validateIgnoreRulesInput([])).toThrow(/JSON object/);
  });

  it('merges saved rules under what the request says explicitly', () => {
    const sets = [saved({ ignore: ['ts'], paramOrder: true }), saved({ scope: 'profile', ignore: ['sig', 'ts'], jsonArrays: 'move-aware' })];
    expect(mergeOptions({ ignore: ['nonce'] }, sets)).toEqual({
      ignore: ['ts', 'sig', 'nonce'],
      paramOrder: true,
      headerOrder: false,
      volatileHeaders: false,
      jsonArrays: 'move-aware',
    });
    expect(mergeOptions({ paramOrder: false, jsonArrays: 'index' }, sets)).toMatchObject({ paramOrder: false, jsonArrays: 'index' });
  });
});

describe('expected requests', () => {
  it('compares origin-form targets without re-encoding anything', () => {
    expect(originForm('https://partner.example:8443/pb?a=%7B+x#frag')).toBe('/pb?a=%7B+x');
    expect(originForm('http://h?x=1')).toBe('/?x=1');
    expect(originForm('http://h')).toBe('/');
    expect(originForm('/already?x=1')).toBe('/already?x=1');
  });

  it('turns text above latin1 into the UTF-8 bytes that travelled', () => {
    const parts = expectedParts({ method: 'POST', url: '/p?n=日', rawHeaders: [['X-N', 'é'], ['X-J', '日']], body: 'é' });
    expect(parts.target).toBe('/p?n=\xe6\x97\xa5');
    expect(parts.rawHeaders).toEqual([['X-N', 'é'], ['X-J', '\xe6\x97\xa5']]);
    expect([...parts.body]).toEqual([0xc3, 0xa9]);
  });

  it('validates the API input', () => {
    expect(expectedFromInput({ method: 'GET', url: '/x', bodyBase64: 'AAE=' }).body).toEqual(new Uint8Array([0, 1]));
    expect(() => expectedFromInput({ method: 'G T', url: '', rawHeaders: [['a']], body: 'x', bodyBase64: 'AA==' })).toThrow(
      /expected.method.*expected.url.*expected.rawHeaders.*give body or bodyBase64/,
    );
  });
});

describe('compareSides', () => {
  it('compares bodies after undoing Content-Encoding, and says so', () => {
    const json = '{"a":1}';
    const left = prepareSide('left', { method: 'POST', target: '/pb', rawHeaders: [['Content-Type', 'application/json'], ['Content-Encoding', 'gzip']], body: gzipSync(json) }, 1 << 20);
    const right = prepareSide('right', { method: 'POST', target: '/pb', rawHeaders: [['Content-Type', 'application/json'], ['Content-Encoding', 'gzip']], body: gzipSync(json, { level: 1 }) }, 1 << 20);
    const diff = compareSides(left, right, { ignore: [] });
    expect(diff.body.kind).toBe('json');
    expect(diff.identical).toBe(true);
    expect(diff.body.notes).toContain('left: compared after undoing Content-Encoding gzip');
  });

  it('shows raw values as UTF-8 text after comparing bytes, and reports every difference in the text report', () => {
    const left = prepareSide('left', { method: 'GET', target: '/pb?n=\xc3\xa9&x=1', rawHeaders: [['X-V', '\xc3\xa9']], body: new Uint8Array() }, 1 << 20);
    const right = prepareSide('right', { method: 'GET', target: '/pb?n=%C3%A9&x=2&y=3', rawHeaders: [['X-V', 'e']], body: new Uint8Array() }, 1 << 20);
    const diff = compareSides(left, right, { ignore: [] });
    const n = diff.query.find((e) => e.kind !== 'order' && e.name === 'n');
    expect(n).toMatchObject({ kind: 'encoding-only', left: { rawValue: 'é' }, right: { rawValue: '%C3%A9' } });
    expect(diff.headers[0]).toMatchObject({ kind: 'changed', left: { value: 'é' } });
    const text = diffToText(diff);
    expect(text).toMatch(/^Different: /);
    expect(text).toMatch(/≈ query +n: .*not counted/);
    expect(text).toMatch(/~ query +x: "1" → "2"/);
    expect(text).toMatch(/\+ query +y: "3"/);
    expect(text).toMatch(/~ header +X-V: "é" → "e"/);
  });
});
