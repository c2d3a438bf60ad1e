import { describe, expect, it } from 'vitest';
import { parseFilter, typedTimeToEpoch, type Clause, type FilterError } from '../../src/shared/filter-language.js';
import { suggest } from '../../src/shared/filter-suggest.js';

function clauses(input: string): Clause[] {
  const result = parseFilter(input);
  if (!result.ok) throw new Error(result.error.message);
  return result.terms.map((t) => t.clause);
}

function one(input: string): Clause {
  const all = clauses(input);
  expect(all).toHaveLength(1);
  return all[0]!;
}

function error(input: string): FilterError {
  const result = parseFilter(input);
  if (result.ok) throw new Error(`expected an error for ${input}`);
  return result.error;
}

describe('filter language: every construct', () => {
  it('params: exact, contains, prefix, suffix, not-equal, exists and numeric comparisons as written', () => {
    expect(one('param.click_id=abc')).toEqual({ kind: 'param', name: 'click_id', op: '=', value: 'abc' });
    expect(one('param.payout=2.50')).toEqual({ kind: 'param', name: 'payout', op: '=', value: '2.50' });
    expect(one('param.x*=sub')).toEqual({ kind: 'param', name: 'x', op: '*=', value: 'sub' });
    expect(one('param.x^=a')).toMatchObject({ op: '^=' });
    expect(one('param.x$=z')).toMatchObject({ op: '$=' });
    expect(one('param.x!=1')).toEqual({ kind: 'param', name: 'x', op: '!=', value: '1' });
    expect(one('param.idfa')).toEqual({ kind: 'param-exists', name: 'idfa' });
    expect(one('param.user.id=7')).toEqual({ kind: 'param', name: 'user.id', op: '=', value: '7' });
    for (const [op, value] of [['>', '1.5'], ['>=', '-2'], ['<', '.5'], ['<=', '1e3']] as const) {
      expect(one(`param.payout${op}${value}`)).toEqual({ kind: 'param-number', name: 'payout', op, value: Number(value) });
    }
  });

  it('headers (names any case) and body', () => {
    expect(one('header.User-Agent*=AppsFlyer')).toEqual({ kind: 'header', name: 'user-agent', op: '*=', value: 'AppsFlyer' });
    expect(one('header.x-sig')).toEqual({ kind: 'header-exists', name: 'x-sig' });
    expect(one('body*=purchase')).toEqual({ kind: 'body', value: 'purchase' });
    expect(one('body*="order id \\"7\\""')).toEqual({ kind: 'body', value: 'order id "7"' });
  });

  it('status codes, classes and comparisons', () => {
    expect(one('status>=400')).toEqual({ kind: 'status', op: '>=', value: 400 });
    expect(one('status:200')).toEqual({ kind: 'status', op: '=', value: 200 });
    expect(one('status!=200')).toEqual({ kind: 'status', op: '!=', value: 200 });
    expect(one('status:5xx')).toEqual({ kind: 'status-class', klass: 5 });
    expect(one('STATUS:4XX')).toEqual({ kind: 'status-class', klass: 4 });
  });

  it('direction, verdict, endpoint, method, path, dup, id', () => {
    expect(one('direction:out')).toEqual({ kind: 'direction', value: 'out' });
    expect(one('direction=IN')).toEqual({ kind: 'direction', value: 'in' });
    for (const v of ['fail', 'pass', 'none', 'pending'] as const) expect(one(`verdict:${v}`)).toEqual({ kind: 'verdict', op: '=', value: v });
    expect(one('verdict!=pass')).toEqual({ kind: 'verdict', op: '!=', value: 'pass' });
    expect(one('endpoint:AppsFlyer')).toEqual({ kind: 'endpoint', op: '=', value: 'AppsFlyer' });
    expect(one('endpoint:"My partner"')).toEqual({ kind: 'endpoint', op: '=', value: 'My partner' });
    expect(one('endpoint*=flyer')).toEqual({ kind: 'endpoint', op: '*=', value: 'flyer' });
    expect(one('method:post')).toEqual({ kind: 'method', op: '=', value: 'POST' });
    expect(one('path:/webhook/*')).toEqual({ kind: 'path', op: 'glob', value: '/webhook/*' });
    expect(one('path*=hook')).toEqual({ kind: 'path', op: '*=', value: 'hook' });
    expect(one('path=/pb')).toEqual({ kind: 'path', op: '=', value: '/pb' });
    expect(one('dup')).toEqual({ kind: 'dup' });
    expect(one('id:123')).toEqual({ kind: 'id', op: '=', value: 123 });
    expect(one('id>100')).toEqual({ kind: 'id', op: '>', value: 100 });
  });

  it('time ranges: local date/time, explicit zones, durations', () => {
    const after = one('after:2026-12-01T10:00');
    expect(after).toEqual({ kind: 'after', at: { year: 2026, month: 12, day: 1, hour: 10, minute: 0, second: 0, offsetMinutes: null } });
    if (after.kind === 'after') expect(typedTimeToEpoch(after.at)).toBe(new Date(2026, 11, 1, 10, 0, 0).getTime());
    const utc = one('before:2026-12-01T10:00:30Z');
    if (utc.kind === 'before') expect(typedTimeToEpoch(utc.at)).toBe(Date.UTC(2026, 11, 1, 10, 0, 30));
    const plus = one('before:2026-12-01T10:00+02:00');
    if (plus.kind === 'before') expect(typedTimeToEpoch(plus.at)).toBe(Date.UTC(2026, 11, 1, 8, 0, 0));
    expect(one('after:2026-12-01')).toMatchObject({ kind: 'after', at: { hour: 0, minute: 0 } });
    expect(one('last:15m')).toEqual({ kind: 'last', ms: 15 * 60_000 });
    expect(one('last:2h')).toEqual({ kind: 'last', ms: 2 * 3_600_000 });
    expect(one('last:30s')).toEqual({ kind: 'last', ms: 30_000 });
    expect(one('last:1d')).toEqual({ kind: 'last', ms: 86_400_000 });
    expect(one('last:1w')).toEqual({ kind: 'last', ms: 604_800_000 });
  });

  it('bare words and quoted text are free text; field names without an operator are words too', () => {
    expect(one('e2e-777')).toEqual({ kind: 'text', text: 'e2e-777', phrase: false });
    expect(one('"click_id=abc"')).toEqual({ kind: 'text', text: 'click_id=abc', phrase: true });
    expect(one('status')).toEqual({ kind: 'text', text: 'status', phrase: false });
    expect(one('1.25')).toEqual({ kind: 'text', text: '1.25', phrase: false });
  });

  it('combines terms with AND, negates with -, and records each term position', () => {
    const result = parseFilter('  status>=400  -verdict:pass abc -dup ');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.terms.map((t) => [t.clause.kind, t.negated, t.start, t.end])).toEqual([
      ['status', false, 2, 13],
      ['verdict', true, 15, 28],
      ['text', false, 29, 32],
      ['dup', true, 33, 37],
    ]);
    expect(parseFilter('')).toEqual({ ok: true, terms: [] });
    expect(parseFilter('   ')).toEqual({ ok: true, terms: [] });
  });
});

describe('filter language: errors name the column, never fall back to free text', () => {
  const cases: Array<[input: string, position: number, fragment: string]> = [
    ['param.payout>>1', 13, 'write one operator'],
    ['param.payout>abc', 13, 'not a number'],
    ['payout>1.5', 0, 'param.payout'],
    ['foo:bar', 0, 'unknown field "foo"'],
    ['status>=abc', 8, 'not a status'],
    ['status>=', 8, 'needs a value'],
    ['status>5xx', 6, 'takes ":" only'],
    ['status*=4', 6, 'does not apply to status'],
    ['body=x', 4, 'does not apply to body'],
    ['dup:1', 3, 'dup takes no value'],
    ['direction:sideways', 10, '"in" or "out"'],
    ['verdict:maybe', 8, 'verdict is one of'],
    ['method:P0ST', 7, 'not an HTTP method'],
    ['after:2026-13-01', 6, 'not a date'],
    ['after:2026-02-30', 6, 'not a date'],
    ['before:yesterday', 7, 'not a date'],
    ['last:15', 5, 'not a duration'],
    ['last:0m', 5, 'not a duration'],
    ['id:abc', 3, 'not an exchange id'],
    ['param=1', 5, 'needs a name'],
    ['param.=1', 6, 'needs a name'],
    ['header.', 7, 'needs a name'],
    ['status.x=1', 6, 'takes no name'],
    ['body*="open', 6, 'never closed'],
    ['"open', 0, 'never closed'],
    ['a!b', 1, 'not an operator'],
    ['a !b', 2, 'cannot start with'],
    ['>5', 0, 'cannot start with'],
    ['- x', 0, 'must be followed'],
    ['--dup', 1, 'two do not cancel'],
    ['abc"def"', 3, 'quote inside a word'],
    ['param.a=b"c', 9, 'quote inside a value'],
    ['body*="x"y', 9, 'separate terms with a space'],
    ['ok status=>4', 10, 'write one operator'],
  ];
  for (const [input, position, fragment] of cases) {
    it(`${input} → column ${position + 1}`, () => {
      const e = error(input);
      expect(e.position).toBe(position);
      expect(e.message).toContain(fragment);
      expect(e.message.startsWith(`Column ${position + 1}: `)).toBe(true);
      expect(e.length).toBeGreaterThanOrEqual(1);
    });
  }

  it('marks the whole offending word', () => {
    expect(error('payout>1.5')).toMatchObject({ position: 0, length: 6 });
    expect(error('param.payout>abc')).toMatchObject({ position: 13, length: 3 });
  });
});

describe('filter autocomplete', () => {
  const context = { params: ['payout', 'click_id', 'currency'], endpoints: ['Alpha Partner', 'beta'] };
  const labels = (input: string, cursor = input.length) => suggest(input, cursor, context).items.map((i) => i.insert);

  it('offers fields by prefix, ready for a name or a value', () => {
    expect(labels('')).toEqual([]);
    expect(labels('p')).toEqual(['param.', 'path:']);
    expect(labels('dup')).toEqual([]);
    expect(labels('st')).toEqual(['status:']);
    expect(labels('d')).toEqual(['direction:', 'dup']);
    expect(labels('bo')).toEqual(['body*=']);
  });

  it('offers known param names, then the operators of a complete one', () => {
    expect(labels('param.c')).toEqual(['param.click_id', 'param.currency', 'param.c=', 'param.c!=', 'param.c*=', 'param.c^=', 'param.c$=', 'param.c>', 'param.c>=', 'param.c<', 'param.c<=']);
    expect(labels('param.payout')).toContain('param.payout>=');
    expect(labels('header.user')).toContain('header.user-agent');
    expect(labels('status')).toEqual(['status:', 'status=', 'status!=', 'status>', 'status>=', 'status<', 'status<=']);
  });

  it('offers fixed values after an operator, quoting names with spaces', () => {
    expect(labels('verdict:')).toEqual(['verdict:pass', 'verdict:fail', 'verdict:none', 'verdict:pending']);
    expect(labels('direction:o')).toEqual(['direction:out']);
    expect(labels('status:5')).toEqual(['status:5xx', 'status:500', 'status:503']);
    expect(labels('status>=4')).toEqual(['status>=400', 'status>=404']);
    expect(labels('endpoint:')).toEqual(['endpoint:"Alpha Partner"', 'endpoint:beta']);
  });

  it('replaces the term under the cursor only, keeping a leading -', () => {
    const s = suggest('status>=400 -verd abc', 17, context);
    expect(s).toMatchObject({ from: 13, to: 17 });
    expect(s.items.map((i) => i.insert)).toEqual(['verdict:']);
  });
});
