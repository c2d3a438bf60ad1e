/**
 * SKAdNetwork conversion-value decoding, on Apple's own example postbacks (apple-fixtures.ts):
 *   4.0 fine (conversion-value 63) and coarse ("high"): https://developer.apple.com/documentation/storekit/verifying-an-install-validation-postback
 *   3.0 winner (conversion-value 20): https://developer.apple.com/documentation/storekit/combining-parameters-for-skadnetwork-3-postbacks
 * Ranges (fine 0–63; coarse low/medium/high): https://developer.apple.com/documentation/storekit/receiving-ad-attributions-and-postbacks
 * Windows (postback-sequence-index 0/1/2 = days 0–2, 3–7, 8–35; fine values only in the first):
 *   https://developer.apple.com/documentation/storekit/receiving-postbacks-in-multiple-conversion-windows
 */
import { describe, expect, it } from 'vitest';
import { extractFields } from '../../src/checks/postback-fields.js';
import { decodeSkanConversion } from '../../src/checks/skan-conversion.js';
import type { SkanConversionSchema } from '../../src/model/skan-conversion.js';
import { validateProfile } from '../../src/profiles/validate-profile.js';
import { computeVerdict } from '../../src/verdicts/compute-verdict.js';
import { skan30Win, skan40Coarse, skan40Fine } from './signatures/apple-fixtures.js';

const request = (body: object) => ({ method: 'POST', target: '/skan', rawHeaders: [['Content-Type', 'application/json']] as Array<[string, string]>, body: Buffer.from(JSON.stringify(body)) });
const fieldsOf = (body: object) => extractFields(request(body), 1e6).fields;

/** The usual layout: revenue bucket in bits 0–2, three event flags in bits 3–5. */
const bits: SkanConversionSchema = {
  fine: {
    kind: 'bits',
    revenue: { lowBit: 0, width: 3, buckets: ['$0', '$0.01–0.99', '$1–4.99', '$5–9.99', '$10–19.99', '$20–49.99', '$50–99.99', '$100+'] },
    events: [
      { bit: 3, label: 'registration' },
      { bit: 4, label: 'tutorial_done' },
      { bit: 5, label: 'purchase' },
    ],
  },
  coarse: { low: 'installed only', medium: 'registered', high: 'purchased' },
};
const table: SkanConversionSchema = {
  fine: {
    kind: 'table',
    entries: [
      { from: 0, to: 0, label: 'install, no activity' },
      { from: 1, to: 20, label: 'registered' },
      { from: 21, to: 62, label: 'purchased' },
      { from: 63, to: 63, label: 'whale' },
    ],
  },
};

describe("decoding Apple's example postbacks", () => {
  it('4.0 fine value 63 under bit fields: the top revenue bucket and every event', () => {
    expect(decodeSkanConversion(fieldsOf(skan40Fine), bits)).toEqual({
      version: '4.0',
      postbackSequenceIndex: 0,
      window: 'first postback (conversion window days 0–2)',
      fidelityType: 1,
      fine: { value: '63', meaning: 'revenue $100+ · events: registration, tutorial_done, purchase', revenue: '$100+', events: ['registration', 'tutorial_done', 'purchase'], problem: null },
      coarse: null,
    });
  });

  it('3.0 conversion value 20 (0b010100): bucket 4, tutorial_done', () => {
    expect(decodeSkanConversion(fieldsOf(skan30Win), bits)).toMatchObject({
      version: '3.0',
      postbackSequenceIndex: null,
      window: null,
      fine: { value: '20', revenue: '$10–19.99', events: ['tutorial_done'], problem: null },
    });
  });

  it('4.0 coarse value "high" and the same fine values under a table', () => {
    expect(decodeSkanConversion(fieldsOf(skan40Coarse), bits)).toMatchObject({ fine: null, coarse: { value: 'high', meaning: 'purchased', problem: null } });
    expect(decodeSkanConversion(fieldsOf(skan40Fine), table)!.fine).toEqual({ value: '63', meaning: 'whale', problem: null });
    expect(decodeSkanConversion(fieldsOf(skan30Win), table)!.fine).toEqual({ value: '20', meaning: 'registered', problem: null });
    // Coarse without labels in the schema: shown, with no meaning.
    expect(decodeSkanConversion(fieldsOf(skan40Coarse), table)!.coarse).toEqual({ value: 'high', meaning: null, problem: null });
  });

  it('values Apple never sends are problems, not guesses', () => {
    expect(decodeSkanConversion(fieldsOf({ ...skan40Fine, 'conversion-value': 64 }), bits)!.fine).toMatchObject({ meaning: null, problem: 'conversion-value "64" is not an integer 0–63' });
    expect(decodeSkanConversion(fieldsOf({ ...skan40Coarse, 'coarse-conversion-value': 'HIGH' }), bits)!.coarse!.problem).toBe('coarse-conversion-value "HIGH" is not low, medium or high');
    expect(decodeSkanConversion(fieldsOf({ ...skan40Fine, 'postback-sequence-index': 1 }), bits)!.fine!.problem).toBe('a fine value in the second postback: Apple sends fine values only in the first');
    const fewBits: SkanConversionSchema = { fine: { kind: 'bits', events: [{ bit: 0, label: 'registration' }] } };
    expect(decodeSkanConversion(fieldsOf(skan30Win), fewBits)!.fine).toMatchObject({ meaning: 'no events', problem: 'bits 2, 4 set, with no meaning in the schema' });
    expect(decodeSkanConversion(fieldsOf(skan40Coarse), {})).toMatchObject({ coarse: { value: 'high', meaning: null } });
    // No conversion value at all (a 3.0 non-winner): nothing to decode.
    expect(decodeSkanConversion(fieldsOf({ version: '3.0', 'did-win': false }), bits)).toBeNull();
  });

  it('a fine and a coarse value in one postback: Apple sends one or the other', () => {
    // SKAdTestPostback.fineConversionValue: a version 4 postback "provides this fineConversionValue
    // or a coarseConversionValue" (developer.apple.com/documentation/storekittest/skadtestpostback/fineconversionvalue).
    const both = decodeSkanConversion(fieldsOf({ ...skan40Fine, 'coarse-conversion-value': 'high' }), bits)!;
    const problem = 'a fine and a coarse value in one postback: Apple sends one or the other (the tier decides which)';
    expect(both.fine).toMatchObject({ value: '63', problem });
    expect(both.coarse).toMatchObject({ value: 'high', meaning: 'purchased', problem });
    // Apple's own examples carry one each.
    expect(decodeSkanConversion(fieldsOf(skan40Fine), bits)!.coarse).toBeNull();
    expect(decodeSkanConversion(fieldsOf(skan40Coarse), bits)!.fine).toBeNull();
  });

  it('the verdict carries the decoding, and a warning for a value the schema cannot read', () => {
    const judge = (body: object) =>
      computeVerdict({
        exchangeId: 1,
        request: request(body),
        nowSec: 1_700_000_000,
        profile: { id: 1, input: { name: 'skan', params: [], macroDialect: 'curly', correlationKeys: [], skanConversion: bits } },
        key: null,
        maxDecodedBytes: 1e6,
        remoteAddress: '17.0.0.1',
      });
    expect(judge(skan40Fine)).toMatchObject({ status: 'pass', skanConversion: { fine: { meaning: 'revenue $100+ · events: registration, tutorial_done, purchase' } } });
    expect(judge({ ...skan40Fine, 'conversion-value': 99 })).toMatchObject({ status: 'pass', warnings: 1, issues: [{ code: 'skan-conversion-value', param: 'conversion-value' }] });
    expect(judge({ a: 1 }).skanConversion).toBeUndefined();
  });
});

describe('schema validation', () => {
  const errorsOf = (skanConversion: unknown) => {
    const check = validateProfile({ name: 'p', skanConversion });
    return check.ok ? [] : check.errors.map((e) => `${e.field}: ${e.message}`);
  };

  it('accepts both example schemas', () => {
    expect(errorsOf(bits)).toEqual([]);
    expect(errorsOf(table)).toEqual([]);
  });

  it('a table must cover 0–63 without overlap', () => {
    const entries = [
      { from: 0, to: 10, label: 'a' },
      { from: 10, to: 20, label: 'b' },
      { from: 30, to: 62, label: 'c' },
      { from: 9, to: 5, label: 'd' },
    ];
    expect(errorsOf({ fine: { kind: 'table', entries } })).toEqual([
      'skanConversion.fine.entries[1]: 10–20 overlaps entry 1',
      'skanConversion.fine.entries[3].from: from 9 is greater than to 5',
      'skanConversion.fine.entries: the table must cover 0–63; not covered: 21–29, 63',
    ]);
  });

  it('bit fields stay in 6 bits, do not share a bit, and label every bucket', () => {
    expect(
      errorsOf({
        fine: { kind: 'bits', revenue: { lowBit: 0, width: 3, buckets: ['a', 'b'] }, events: [{ bit: 2, label: 'x' }, { bit: 5, label: 'y' }, { bit: 5, label: 'z' }] },
      }),
    ).toEqual([
      'skanConversion.fine.revenue.buckets: 3 bits make 8 buckets: give 8 labels (2 given)',
      'skanConversion.fine.events[0].bit: bit 2 is already the revenue bucket',
      'skanConversion.fine.events[2].bit: bit 5 is already "y"',
    ]);
    expect(errorsOf({ fine: { kind: 'bits', revenue: { lowBit: 4, width: 3, buckets: [] }, events: [] } })[0]).toBe(
      'skanConversion.fine.revenue.width: bits 4–6 do not fit in the 6 bits of a conversion value (0–5)',
    );
    expect(errorsOf({ fine: { kind: 'table', entries: [{ from: 0, to: 64, label: 'x' }] } })[0]).toMatch(/^skanConversion\.fine/);
  });
});
