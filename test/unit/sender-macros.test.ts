import { describe, expect, it } from 'vitest';
import type { MacroDialect, TemplateSpec } from '../../src/model/sender.js';
import { findLeftovers, guessDialect, tokenize } from '../../src/sender/dialects.js';
import { compileTemplate, expandTemplate } from '../../src/sender/expand.js';
import { ValueResolver } from '../../src/sender/values.js';

const base = (over: Partial<TemplateSpec>): TemplateSpec => ({ name: 't', method: 'GET', url: 'http://p.example/pb', headers: [], bodyMode: 'none', body: '', dialect: 'curly', ...over });
const expand = (over: Partial<TemplateSpec>, vars: Record<string, string> = {}, now = 1_700_000_000_123) =>
  expandTemplate(compileTemplate(base(over)), new ValueResolver(vars, over.defaults ?? {}, now));

describe('dialects, each exact', () => {
  const cases: Array<[MacroDialect, string]> = [
    ['curly', 'http://p.example/pb?cid={click_id}&e={event}'],
    ['double-curly', 'http://p.example/pb?cid={{click_id}}&e={{ event }}'],
    ['square', 'http://p.example/pb?cid=[CLICKID]&e=[EVENT]'],
    ['hash', 'http://p.example/pb?cid=#s1#&e=#event#'],
    ['paren', 'http://p.example/pb?cid=(click-id)&e=(event)'],
    ['dollar', 'http://p.example/pb?cid=${click_id}&e=${event}'],
  ];
  for (const [dialect, url] of cases) {
    it(`${dialect}: replaces its own tokens and reports nothing`, () => {
      const x = expand({ url, dialect }, { click_id: 'abc', s1: 'abc', event: 'purchase' });
      expect(x.target).toBe('/pb?cid=abc&e=purchase');
      expect(x.problems).toEqual([]);
    });
  }

  it('never replaces another dialect: a {clickid} in a [CLICKID] template is reported, not sent', () => {
    const x = expand({ url: 'http://p.example/pb?a=[CLICKID]&b={clickid}', dialect: 'square' }, { clickid: 'abc' });
    expect(x.target).toBe('/pb?a=abc&b={clickid}');
    expect(x.problems).toEqual([expect.objectContaining({ code: 'unreplaced-macro', token: '{clickid}' })]);
  });

  it('tokenizes {{x}} in the curly dialect as a brace around a macro (exact, not lenient)', () => {
    expect(tokenize('{{a}}', 'curly')).toEqual([{ kind: 'text', text: '{' }, { kind: 'macro', token: '{a}', name: 'a' }, { kind: 'text', text: '}' }]);
  });

  it('finds leftovers of every dialect once, longest form first', () => {
    expect(findLeftovers('{{a}} ${b} {c} [D_1] #e# (click-id) [1] {"j":1} (note)')).toEqual(['{{a}}', '${b}', '{c}', '[D_1]', '#e#', '(click-id)']);
  });

  it('guesses the dialect of imported text', () => {
    expect(guessDialect('http://x/?a={{a}}&b={{b}}')).toBe('double-curly');
    expect(guessDialect('http://x/?a=[CLICKID]')).toBe('square');
    expect(guessDialect('http://x/?a=#s1#&b=#s2#')).toBe('hash');
    expect(guessDialect('http://x/?a=${a}')).toBe('dollar');
    expect(guessDialect('http://x/?a={a}')).toBe('curly');
    expect(guessDialect('http://x/?a=(click-id)')).toBe('paren');
  });
});

describe('values', () => {
  it('one set of values fills every dialect: names compare without case and separators', () => {
    const vars = { click_id: 'c1' };
    expect(expand({ url: 'http://p.example/?a=[CLICKID]', dialect: 'square' }, vars).target).toBe('/?a=c1');
    expect(expand({ url: 'http://p.example/?a=(click-id)', dialect: 'paren' }, vars).target).toBe('/?a=c1');
    expect(expand({ url: 'http://p.example/?a={ClickId}' }, vars).target).toBe('/?a=c1');
  });

  it('built-ins: unix seconds and ms, ISO time, date, uuid and random, drawn once per postback', () => {
    const now = Date.UTC(2024, 0, 2, 3, 4, 5, 678);
    const x = expand({ url: 'http://p.example/?s={timestamp}&ms={timestamp_ms}&iso={iso}&d={date}&u={uuid}&u2={uuid}&r={random}' }, {}, now);
    const q = new URLSearchParams(x.target.split('?')[1]);
    expect(q.get('s')).toBe(String(Math.floor(now / 1000)));
    expect(q.get('ms')).toBe(String(now));
    expect(q.get('iso')).toBe('2024-01-02T03:04:05.678Z');
    expect(q.get('d')).toBe('2024-01-02');
    expect(q.get('u')).toMatch(/^[0-9a-f-]{36}$/);
    expect(q.get('u2')).toBe(q.get('u'));
    expect(q.get('r')).toMatch(/^\d+$/);
    expect(x.macros.find((m) => m.name === 'uuid')?.source).toBe('builtin');
  });

  it('vars win over template defaults, defaults over built-ins', () => {
    const x = expand({ url: 'http://p.example/?a={currency}&b={timestamp}&c={payout}', defaults: { currency: 'USD', timestamp: 'fixed' } }, { payout: '1.25' });
    expect(x.target).toBe('/?a=USD&b=fixed&c=1.25');
    expect(x.macros.map((m) => m.source)).toEqual(['default', 'default', 'var']);
  });

  it('uses the click id (else transaction id) as the correlation', () => {
    expect(expand({ url: 'http://p.example/?a={CLICK_ID}' }, { CLICK_ID: 'k' }).correlation).toBe('k');
    expect(expand({ url: 'http://p.example/' }, { transaction_id: 't' }).correlation).toBe('t');
  });
});

describe('refusals name what is wrong', () => {
  it('an unknown macro stays visible in the preview and is named', () => {
    const x = expand({ url: 'http://p.example/pb?cid={clickid}&e={event}' }, { event: 'install' });
    expect(x.target).toBe('/pb?cid={clickid}&e=install');
    expect(x.problems).toEqual([expect.objectContaining({ code: 'unknown-macro', token: '{clickid}', slot: 'query-value' })]);
    expect(x.problems[0]!.message).toContain('{clickid}');
  });

  it('an empty value stops the send unless the macro is optional', () => {
    expect(expand({ url: 'http://p.example/?p={payout}' }, { payout: '' }).problems).toEqual([expect.objectContaining({ code: 'empty-value', token: '{payout}' })]);
    expect(expand({ url: 'http://p.example/?p={payout}', optional: ['PAYOUT'] }, { payout: '' }).problems).toEqual([]);
  });

  it('a value carrying a macro is reported, raw or percent-encoded', () => {
    const x = expand({ url: 'http://p.example/?cb={callback}' }, { callback: 'http://a.example/?id={clickid}' });
    expect(x.target).toBe('/?cb=http%3A%2F%2Fa.example%2F%3Fid%3D%7Bclickid%7D');
    expect(x.problems).toEqual([expect.objectContaining({ code: 'unreplaced-macro', token: '{clickid}' })]);
    expect(x.problems[0]!.message).toContain('percent-encoded');
  });

  it('macros in headers and bodies of another dialect are reported too', () => {
    const x = expand({ method: 'POST', url: 'http://p.example/', dialect: 'square', headers: [['X-Id', '{clickid}']], bodyMode: 'json', body: '{"a":"{{payout}}"}' });
    // Outside the double-curly dialect `{{payout}}` names an environment variable: with none selected it is refused as one.
    expect(x.problems.map((p) => [p.code, p.token])).toEqual([['unknown-variable', '{{payout}}'], ['unreplaced-macro', '{clickid}']]);
  });

  it('a header value with a line break, a bad URL or broken JSON is refused', () => {
    expect(expand({ url: 'http://p.example/', headers: [['X', '{v}']] }, { v: 'a\r\nInjected: 1' }).problems[0]!.code).toBe('invalid-header');
    expect(expand({ url: 'ftp://p.example/' }).problems[0]!.code).toBe('invalid-url');
    expect(expand({ url: 'http://p.example/a b' }).problems[0]!.code).toBe('invalid-url');
    expect(expand({ method: 'POST', url: 'http://p.example/', bodyMode: 'json', body: '{"a": {v}' }, { v: '1' }).problems[0]!.code).toBe('invalid-json');
  });
});
