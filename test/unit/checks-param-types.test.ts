import { describe, expect, it } from 'vitest';
import { checkParam } from '../../src/checks/param-spec.js';
import { checkType, describeRule } from '../../src/checks/param-types.js';
import { extractFields } from '../../src/checks/postback-fields.js';
import type { ParamSpec } from '../../src/model/profile.js';

const ctx = { nowSec: 1_700_000_000 };
const spec = (s: Partial<ParamSpec>): ParamSpec => ({ name: 'p', presence: 'optional', ...s });
const status = (value: string, s: Partial<ParamSpec>) => checkType(value, spec(s), ctx).status;
const why = (value: string, s: Partial<ParamSpec>) => checkType(value, spec(s), ctx).why ?? '';

describe('param types', () => {
  it('string accepts anything non-empty', () => {
    expect(status('any thing ✓', { type: 'string' })).toBe('pass');
  });

  it('integer: digits with an optional sign, bounds, safe range', () => {
    expect(status('42', { type: 'integer' })).toBe('pass');
    expect(status('-7', { type: 'integer' })).toBe('pass');
    expect(why('4.0', { type: 'integer' })).toMatch(/fractional part/);
    expect(status('4a', { type: 'integer' })).toBe('fail');
    expect(why('5', { type: 'integer', min: 10 })).toMatch(/below the minimum 10/);
    expect(why('90071992547409930', { type: 'integer' })).toMatch(/safe integer range/);
  });

  it('decimal: dot separator, max places, comma only when the partner reads it', () => {
    expect(status('1.50', { type: 'decimal', maxDecimals: 2 })).toBe('pass');
    expect(status('3', { type: 'decimal', maxDecimals: 2 })).toBe('pass');
    expect(why('1.505', { type: 'decimal', maxDecimals: 2 })).toBe('1.505 has 3 decimal places, at most 2 allowed');
    expect(why('1,50', { type: 'decimal' })).toMatch(/comma as decimal separator/);
    expect(status('12,34', { type: 'decimal', commaDecimal: true })).toBe('pass');
    expect(why('.5', { type: 'decimal' })).toMatch(/no digit before/);
    expect(why('1e3', { type: 'decimal' })).toMatch(/exponent/);
    expect(why('-1', { type: 'decimal', min: 0 })).toMatch(/below the minimum 0/);
  });

  it('boolean: true/false/1/0 only', () => {
    for (const v of ['true', 'false', '1', '0']) expect(status(v, { type: 'boolean' })).toBe('pass');
    expect(why('yes', { type: 'boolean' })).toMatch(/not a boolean/);
    expect(status('TRUE', { type: 'boolean' })).toBe('fail');
  });

  it('enum: exact, with a case hint, or case-insensitive when declared', () => {
    const values = ['install', 'purchase'];
    expect(status('install', { type: 'enum', values })).toBe('pass');
    expect(why('Install', { type: 'enum', values })).toMatch(/only in letter case/);
    expect(status('Install', { type: 'enum', values, caseInsensitive: true })).toBe('pass');
    expect(why('open', { type: 'enum', values })).toBe('"open" is not one of "install", "purchase"');
  });

  it('uuid: 8-4-4-4-12 hex in either case', () => {
    expect(status('3f2504e0-4f89-11d3-9a0c-0305e82c3301', { type: 'uuid' })).toBe('pass');
    expect(status('3F2504E0-4F89-11D3-9A0C-0305E82C3301', { type: 'uuid' })).toBe('pass');
    expect(status('3f2504e04f8911d39a0c0305e82c3301', { type: 'uuid' })).toBe('fail');
  });

  it('IDFA: upper case UUID; lower case and all-zero (ATT denied) warn', () => {
    expect(status('6D92078A-8246-4BA4-AE5B-76104861E7DC', { type: 'idfa' })).toBe('pass');
    expect(why('6d92078a-8246-4ba4-ae5b-76104861e7dc', { type: 'idfa' })).toMatch(/lower case/);
    expect(status('6d92078a-8246-4ba4-ae5b-76104861e7dc', { type: 'idfa' })).toBe('warn');
    expect(why('00000000-0000-0000-0000-000000000000', { type: 'idfa' })).toMatch(/all-zero IDFA.*ATT/);
    expect(status('not-an-idfa', { type: 'idfa' })).toBe('fail');
  });

  it('GAID: lower case UUID; upper case and all-zero warn', () => {
    expect(status('38400000-8cf0-11bd-b23e-10b96e40000d', { type: 'gaid' })).toBe('pass');
    expect(status('38400000-8CF0-11BD-B23E-10B96E40000D', { type: 'gaid' })).toBe('warn');
    expect(why('00000000-0000-0000-0000-000000000000', { type: 'gaid' })).toMatch(/opted out/);
  });

  it('currency: ISO 4217, upper case unless declared otherwise, with hints for look-alikes', () => {
    expect(status('USD', { type: 'currency' })).toBe('pass');
    expect(status('XAU', { type: 'currency' })).toBe('pass');
    expect(why('usd', { type: 'currency' })).toMatch(/lower case.*USD/);
    expect(status('usd', { type: 'currency', caseInsensitive: true })).toBe('pass');
    expect(why('ABC', { type: 'currency' })).toMatch(/not an ISO 4217/);
    expect(why('XXX', { type: 'currency' })).toMatch(/no currency/);
    expect(why('BTC', { type: 'currency' })).toMatch(/not an ISO 4217 code/);
    expect(why('HRK', { type: 'currency' })).toMatch(/withdrawn/);
  });

  it('country: ISO 3166-1 alpha-2, with UK and XK explained', () => {
    expect(status('DE', { type: 'country' })).toBe('pass');
    expect(status('de', { type: 'country', caseInsensitive: true })).toBe('pass');
    expect(status('de', { type: 'country' })).toBe('fail');
    expect(why('UK', { type: 'country' })).toMatch(/GB/);
    expect(why('XK', { type: 'country' })).toMatch(/user-assigned/);
    expect(why('DEU', { type: 'country' })).toMatch(/not an ISO 3166-1 alpha-2/);
  });

  it('unix timestamp: within the allowed skew of the capture time, unit mix-ups named', () => {
    expect(status('1700000100', { type: 'timestamp', skewSec: 300 })).toBe('pass');
    expect(why('1699990000', { type: 'timestamp', skewSec: 300 })).toMatch(/10000s before the capture.*allowed skew 300s/);
    expect(why('1700009000', { type: 'timestamp', skewSec: 300 })).toMatch(/9000s after the capture/);
    expect(why('1700000000000', { type: 'timestamp' })).toMatch(/looks like milliseconds/);
    expect(status('1700000000000', { type: 'timestamp', unit: 'ms' })).toBe('pass');
    expect(why('1700000000', { type: 'timestamp', unit: 'ms' })).toMatch(/looks like seconds/);
    expect(status('2023-11-14', { type: 'timestamp' })).toBe('fail');
    expect(status('1699000000', { type: 'timestamp' })).toBe('fail'); // default skew: one day
  });

  it('URL: absolute http(s) only', () => {
    expect(status('https://example.com/a?b=1', { type: 'url' })).toBe('pass');
    expect(why('/relative', { type: 'url' })).toMatch(/not an absolute URL/);
    expect(why('javascript:alert(1)', { type: 'url' })).toMatch(/http or https expected/);
  });
});

describe('param spec rules', () => {
  const fields = extractFields({ method: 'GET', target: '/pb?a=abc&empty=&n=1&dup=1&dup=2', rawHeaders: [], body: Buffer.alloc(0) }, 1e6).fields;
  const check = (s: Partial<ParamSpec>) => checkParam(fields, spec(s), ctx);

  it('required, optional and forbidden presence', () => {
    expect(check({ name: 'missing', presence: 'required' })).toMatchObject({ status: 'fail', why: 'missing: missing is required', value: null });
    expect(check({ name: 'missing', presence: 'optional' }).status).toBe('pass');
    expect(check({ name: 'a', presence: 'forbidden' })).toMatchObject({ status: 'fail', why: 'a must not be sent' });
    expect(check({ name: 'a', presence: 'required' })).toMatchObject({ status: 'pass', value: 'abc', rawValue: 'abc', source: 'query' });
  });

  it('regex and length', () => {
    expect(check({ name: 'a', pattern: '^[a-z]+$' }).status).toBe('pass');
    expect(check({ name: 'a', pattern: '^\\d+$' }).why).toBe('"abc" does not match /^\\d+$/');
    expect(check({ name: 'a', minLength: 4 }).why).toBe('3 characters, at least 4 expected');
    expect(check({ name: 'a', maxLength: 2 }).why).toBe('3 characters, at most 2 allowed');
  });

  it('empty values: allowed when declared, a failure when required, a warning when optional', () => {
    expect(check({ name: 'empty', allowEmpty: true }).status).toBe('pass');
    expect(check({ name: 'empty', presence: 'required' })).toMatchObject({ status: 'fail', why: 'empty value' });
    expect(check({ name: 'empty' }).status).toBe('warn');
  });

  it('a declared param sent twice with different values fails', () => {
    expect(check({ name: 'dup', type: 'integer' }).why).toMatch(/sent 2 times with different values \("1", "2"\)/);
  });

  it('describes the rule in words', () => {
    expect(describeRule(spec({ presence: 'required', type: 'decimal', maxDecimals: 2, min: 0 }))).toBe('required decimal (≤ 2 places, ≥ 0)');
    expect(describeRule(spec({ presence: 'forbidden' }))).toBe('forbidden');
  });
});
