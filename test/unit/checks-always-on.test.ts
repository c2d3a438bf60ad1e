import { describe, expect, it } from 'vitest';
import { alwaysOnChecks, type AlwaysOnOptions } from '../../src/checks/always-on.js';
import { DEFAULT_AMOUNT_NAMES, resolveAmountNames } from '../../src/checks/amounts.js';
import { findMacros } from '../../src/checks/macros.js';
import { extractFields } from '../../src/checks/postback-fields.js';

const base: AlwaysOnOptions = { dialect: null, signedParams: false, amounts: DEFAULT_AMOUNT_NAMES, allowEmpty: new Set() };

function issues(target: string, options: Partial<AlwaysOnOptions> = {}, body?: { type: string; text: string }) {
  const request = {
    method: body ? 'POST' : 'GET',
    target,
    rawHeaders: body ? ([['Content-Type', body.type]] as Array<[string, string]>) : [],
    body: Buffer.from(body?.text ?? '', 'utf8'),
  };
  return alwaysOnChecks(extractFields(request, 1e6).fields, { ...base, ...options });
}
const codes = (list: ReturnType<typeof issues>) => list.map((i) => i.code);

describe('unreplaced macros', () => {
  it('flags click_id={click_id} as an unreplaced macro (a failure)', () => {
    const found = issues('/pb?click_id={click_id}&event=install');
    expect(found).toEqual([
      expect.objectContaining({ code: 'unreplaced-macro', severity: 'fail', param: 'click_id', token: '{click_id}', message: expect.stringMatching(/^unreplaced macro click_id=\{click_id\}/) }),
    ]);
  });

  it.each([
    ['{click_id}', 'curly'],
    ['{{click_id}}', 'double-curly'],
    ['{{ payout }}', 'double-curly'],
    ['[CLICK_ID]', 'square'],
    ['#s1#', 'hash'],
    ['(click-id)', 'paren'],
    ['${click_id}', 'dollar'],
  ])('finds %s as a %s macro, once', (token, dialect) => {
    expect(findMacros(token)).toEqual([expect.objectContaining({ token, dialect })]);
  });

  it('finds macros inside values and percent-encoded ones', () => {
    expect(issues('/pb?sub=abc-{sub1}-def').map((i) => i.token)).toEqual(['{sub1}']);
    expect(issues('/pb?click_id=%7Bclick_id%7D').map((i) => i.token)).toEqual(['{click_id}']);
  });

  it('finds a macro behind double encoding (%257B)', () => {
    const found = issues('/pb?click_id=%257Bclick_id%257D');
    expect(found.find((i) => i.code === 'unreplaced-macro')).toMatchObject({ token: '{click_id}', message: expect.stringMatching(/decoding the value twice/) });
    expect(codes(found)).toContain('double-encoded');
  });

  it('names a dialect mismatch with the partner', () => {
    const [found] = issues('/pb?click_id={{click_id}}', { dialect: 'curly' });
    expect(found!.message).toMatch(/a double-curly token, but this partner's macros look like \{click_id\}/);
  });

  it('leaves prose, JSON and ordinary values alone', () => {
    expect(findMacros('Pack (large)')).toEqual([]);
    expect(findMacros('{"a":1}')).toEqual([]);
    expect(findMacros('[1,2]')).toEqual([]);
    expect(findMacros('#1 best')).toEqual([]);
    expect(issues('/pb?name=Pack%20(large)&n=5')).toEqual([]);
  });

  it('checks form and JSON bodies too', () => {
    expect(issues('/pb', {}, { type: 'application/x-www-form-urlencoded', text: 'click_id=%5BCLICKID%5D' })[0]).toMatchObject({ param: 'click_id', token: '[CLICKID]' });
    expect(issues('/pb', {}, { type: 'application/json', text: '{"user":{"id":"${user_id}"}}' })[0]).toMatchObject({ param: 'user.id', token: '${user_id}' });
  });
});

describe('empty values, duplicates, double encoding', () => {
  it('warns on empty values unless the profile allows them', () => {
    expect(issues('/pb?a=1&sub1=&sub2')).toEqual([expect.objectContaining({ code: 'empty-value', severity: 'warn', param: 'sub1' }), expect.objectContaining({ code: 'empty-value', param: 'sub2' })]);
    expect(issues('/pb?sub1=', { allowEmpty: new Set(['sub1']) })).toEqual([]);
  });

  it('warns on duplicate keys, saying whether the values differ', () => {
    expect(issues('/pb?a=1&a=1')[0]).toMatchObject({ code: 'duplicate-key', message: 'a is sent 2 times with the same value' });
    expect(issues('/pb?a=1&a=2&a=2')[0]!.message).toMatch(/sent 3 times with different values \("1", "2"\): receivers disagree/);
  });

  it('warns on double-encoded values with both decodings', () => {
    expect(issues('/pb?u=https%253A%252F%252Fx.example')[0]).toMatchObject({
      code: 'double-encoded',
      message: 'u is percent-encoded twice: "https%253A%252F%252Fx.example" decodes to "https%3A%2F%2Fx.example", and again to "https://x.example"',
    });
  });
});

describe('+ versus %20 in signed strings', () => {
  it('warns only when the params are signed', () => {
    expect(issues('/pb?name=two+words&sig=abc')).toEqual([]);
    expect(issues('/pb?name=two+words&sig=abc', { signedParams: true })[0]).toMatchObject({ code: 'plus-ambiguity', param: 'name' });
  });

  it('says when the sender mixes both encodings', () => {
    const [found] = issues('/pb?a=two+words&b=two%20words', { signedParams: true });
    expect(found!.message).toMatch(/mixes both encodings/);
  });
});

describe('money', () => {
  it('warns on payout 0 or 0.00 beside a non-zero revenue', () => {
    expect(issues('/pb?payout=0&revenue=2.50&currency=USD')[0]).toMatchObject({ code: 'zero-payout', param: 'payout', message: expect.stringMatching(/payout=0 while revenue=2.50/) });
    expect(codes(issues('/pb?payout=0.00&sum=3&currency=EUR'))).toEqual(['zero-payout']);
    expect(issues('/pb?payout=0&revenue=0&currency=USD')).toEqual([]);
    expect(issues('/pb?payout=1.5&revenue=2&currency=USD')).toEqual([]);
  });

  it('warns when a value is present without a currency', () => {
    expect(issues('/pb?payout=1.50')[0]).toMatchObject({ code: 'currency-missing', param: 'payout' });
    expect(issues('/pb?payout=1.50&currency=USD')).toEqual([]);
    expect(issues('/pb?cnv_currency=USD&payout=1')).toEqual([]);
  });

  it('follows the profile: its names, and an empty list turns the currency part off', () => {
    expect(issues('/pb?amount=5', { amounts: resolveAmountNames({ currency: [] }) })).toEqual([]);
    expect(codes(issues('/pb?gain=5', { amounts: resolveAmountNames({ revenue: ['gain'] }) }))).toEqual(['currency-missing']);
  });
});
