import { describe, expect, it } from 'vitest';
import { parseQuery, percentDecode, pickKeyParams, splitTarget } from '../../src/shared/query-params.js';

/** Node hands the receiver targets as binary strings: one char per byte. */
const binary = (text: string): string => Buffer.from(text, 'utf8').toString('latin1');

describe('splitTarget', () => {
  it('splits at the first "?" and keeps everything after it, later "?" included', () => {
    expect(splitTarget('/pb?a=1?b=2')).toEqual({ path: '/pb', rawQuery: 'a=1?b=2' });
  });
  it('tells "no query" (null) from an empty query ("")', () => {
    expect(splitTarget('/pb')).toEqual({ path: '/pb', rawQuery: null });
    expect(splitTarget('/pb?')).toEqual({ path: '/pb', rawQuery: '' });
  });
});

describe('percentDecode', () => {
  it('decodes escapes as UTF-8 bytes', () => {
    expect(percentDecode('%C3%A9t%C3%A9', true)).toEqual({ text: 'été', invalidEscape: false, invalidUtf8: false });
  });
  it('treats + as space only when asked', () => {
    expect(percentDecode('a+b', true).text).toBe('a b');
    expect(percentDecode('a+b', false).text).toBe('a+b');
    expect(percentDecode('a%2Bb', true).text).toBe('a+b');
  });
  it('keeps a bad escape literally and flags it', () => {
    expect(percentDecode('%zz%4', true)).toEqual({ text: '%zz%4', invalidEscape: true, invalidUtf8: false });
  });
  it('flags bytes that are not UTF-8 and shows them as U+FFFD', () => {
    expect(percentDecode('a%FFb', true)).toEqual({ text: 'a\uFFFDb', invalidEscape: false, invalidUtf8: true });
  });
  it('reads raw (unescaped) UTF-8 bytes of a binary string as UTF-8', () => {
    expect(percentDecode(binary('café'), true).text).toBe('café');
  });
  it('keeps already-decoded BMP text that is not a binary string', () => {
    expect(percentDecode('Ωmega', true).text).toBe('Ωmega');
  });
});

describe('parseQuery', () => {
  const byName = (raw: string) => parseQuery(raw);

  it('returns nothing for no query and for an empty one', () => {
    expect(parseQuery(null)).toEqual([]);
    expect(parseQuery('')).toEqual([]);
  });

  it('keeps duplicates in order and marks every one of them', () => {
    const params = byName('click_id=1&x=y&click_id=2');
    expect(params.map((p) => [p.name, p.value])).toEqual([
      ['click_id', '1'],
      ['x', 'y'],
      ['click_id', '2'],
    ]);
    expect(params[0]!.anomalies).toContain('duplicate-key');
    expect(params[2]!.anomalies).toContain('duplicate-key');
    expect(params[1]!.anomalies).not.toContain('duplicate-key');
  });

  it('counts keys as duplicates by their decoded name', () => {
    const params = byName('a=1&%61=2');
    expect(params.every((p) => p.anomalies[0] === 'duplicate-key')).toBe(true);
  });

  it('decodes + and %20 to the same value but flags only the + form, with the raw value kept', () => {
    const [plus, pct] = byName('q=a+b&r=a%20b');
    expect(plus).toMatchObject({ name: 'q', value: 'a b', rawValue: 'a+b' });
    expect(plus!.anomalies).toContain('plus-as-space');
    expect(pct).toMatchObject({ name: 'r', value: 'a b', rawValue: 'a%20b', anomalies: [] });
  });

  it('keeps + literally when plusAsSpace is off, and still flags the ambiguity', () => {
    const [p] = parseQuery('q=a+b', false);
    expect(p!.value).toBe('a+b');
    expect(p!.anomalies).toContain('plus-as-space');
  });

  it('keeps invalid escapes literally in the value', () => {
    const [a, b] = byName('discount=100%&sig=%G1abc');
    expect(a).toMatchObject({ value: '100%', rawValue: '100%' });
    expect(b).toMatchObject({ value: '%G1abc' });
    expect(a!.anomalies).toContain('invalid-percent-escape');
    expect(b!.anomalies).toContain('invalid-percent-escape');
  });

  it('decodes a double-encoded value once and flags it', () => {
    const [p] = byName('url=https%253A%252F%252Fexample.com');
    expect(p!.value).toBe('https%3A%2F%2Fexample.com');
    expect(p!.anomalies).toContain('double-encoded');
  });

  it('tells an empty value from a missing "="', () => {
    const [empty, bare] = byName('payout=&flag');
    expect(empty).toMatchObject({ name: 'payout', value: '', anomalies: ['empty-value'] });
    expect(bare).toMatchObject({ name: 'flag', value: '', rawValue: '', anomalies: ['no-equals'] });
  });

  it('splits name and value at the first "=" only', () => {
    const [p] = byName('sig=abc==');
    expect(p).toMatchObject({ name: 'sig', value: 'abc==', rawValue: 'abc==' });
  });

  it('skips empty pieces between separators', () => {
    expect(byName('&&a=1&&b=2&').map((p) => p.name)).toEqual(['a', 'b']);
  });

  it('decodes percent-encoded and raw UTF-8, flagging raw bytes and invalid UTF-8', () => {
    const [encoded, raw, invalid] = byName(`city=M%C3%BCnchen&name=${binary('Zoë')}&bad=%E9t%E9`);
    expect(encoded).toMatchObject({ value: 'München', anomalies: [] });
    expect(raw!.value).toBe('Zoë');
    expect(raw!.rawValue).toBe(binary('Zoë'));
    expect(raw!.anomalies).toContain('unencoded-characters');
    expect(invalid!.value).toBe('\uFFFDt\uFFFD');
    expect(invalid!.anomalies).toContain('invalid-utf8');
  });

  it('decodes encoded names too', () => {
    const [p] = byName('sub%5B1%5D=x');
    expect(p).toMatchObject({ name: 'sub[1]', rawName: 'sub%5B1%5D', value: 'x' });
  });
});

describe('pickKeyParams', () => {
  it('picks one param per group, most telling group first, whatever the query order', () => {
    const params = parseQuery('payout=1.5&event=install&foo=bar&clickid=abc&order_id=77');
    expect(pickKeyParams(params)).toEqual([
      { name: 'clickid', value: 'abc' },
      { name: 'order_id', value: '77' },
      { name: 'event', value: 'install' },
    ]);
  });

  it('honours max and skips groups with no hit', () => {
    const params = parseQuery('revenue=9&goal=lead&sub_id=s1');
    expect(pickKeyParams(params, 2)).toEqual([
      { name: 'sub_id', value: 's1' },
      { name: 'goal', value: 'lead' },
    ]);
    expect(pickKeyParams(params)).toEqual([
      { name: 'sub_id', value: 's1' },
      { name: 'goal', value: 'lead' },
      { name: 'revenue', value: '9' },
    ]);
  });

  it('takes the first occurrence of a duplicated key, and matches names exactly', () => {
    const params = parseQuery('click_id=first&click_id=second&CLICK_ID=upper');
    expect(pickKeyParams(params)).toEqual([{ name: 'click_id', value: 'first' }]);
    expect(pickKeyParams(parseQuery('CLICK_ID=x&utm_source=y'))).toEqual([]);
  });
});
