/**
 * SKAdNetwork 4 source-identifier digits against the postback's crowd-anonymity tier
 * (src/checks/skan-source-identifier.ts), on Apple's own example postbacks
 * (https://developer.apple.com/documentation/storekit/verifying-an-install-validation-postback)
 * and modified copies of them. Apple: the source-identifier is two, three or four digits
 * (identifying-the-parameters-in-install-validation-postbacks); the number depends on the postback
 * data tier (SKAdImpression.sourceIdentifier); a first postback with a coarse value only is Tier 1,
 * two digits (help.branch.io/marketer-hub/skadnetwork-data, from Apple's WWDC22 session 10038).
 */
import { describe, expect, it } from 'vitest';
import { computeVerdict } from '../../src/verdicts/compute-verdict.js';
import { skan30Win, skan40Coarse, skan40Fine } from './signatures/apple-fixtures.js';

function findings(json: unknown, privacyChecks: 'on' | 'off' = 'on') {
  const v = computeVerdict({
    exchangeId: 1,
    request: { method: 'POST', target: '/skan', rawHeaders: [['Host', 'rx.test'], ['Content-Type', 'application/json']], body: Buffer.from(JSON.stringify(json)) },
    nowSec: 1_700_000_000,
    profile: privacyChecks === 'off' ? { id: 1, input: { name: 'skan', params: [], macroDialect: 'curly', correlationKeys: [], privacyChecks: 'off' } } : null,
    key: null,
    maxDecodedBytes: 1e6,
  });
  return v.issues.filter((i) => i.code === 'privacy-skan-source-identifier').map((i) => [i.severity, i.message]);
}

describe('SKAdNetwork source-identifier digits and the crowd-anonymity tier', () => {
  it("Apple's 4.0 examples pass: four digits with a fine value, two digits with a coarse value only", () => {
    expect(findings(skan40Fine)).toEqual([]);
    expect(findings(skan40Coarse)).toEqual([]);
  });

  it('a first winning postback with a coarse value only and four (or three) digits is beyond Tier 1', () => {
    const four = findings({ ...skan40Coarse, 'source-identifier': '5239' });
    expect(four).toEqual([['fail', expect.stringMatching(/4 digits.*Tier 1, where Apple sends 2/)]]);
    expect(findings({ ...skan40Coarse, 'source-identifier': '523' })).toHaveLength(1);
    // Without a sequence index a 4.0 postback is the first one too.
    const { 'postback-sequence-index': _s, ...noIndex } = skan40Coarse;
    expect(findings({ ...noIndex, 'source-identifier': '5239' })).toHaveLength(1);
  });

  it('not flagged where the fields do not pin the tier down: later postbacks, non-winning ones, a fine value', () => {
    // Second and third postbacks carry a coarse value at every tier.
    expect(findings({ ...skan40Coarse, 'source-identifier': '5239', 'postback-sequence-index': 1 })).toEqual([]);
    expect(findings({ ...skan40Coarse, 'source-identifier': '5239', 'did-win': false })).toEqual([]);
    // A fine value: Tier 2 (3 digits) or Tier 3 (4 digits), which the fields cannot tell apart.
    expect(findings({ ...skan40Fine, 'source-identifier': '523' })).toEqual([]);
  });

  it('a source-identifier that is not two to four digits fails', () => {
    expect(findings({ ...skan40Fine, 'source-identifier': '52391' })).toEqual([['fail', expect.stringContaining('not two, three or four digits')]]);
    expect(findings({ ...skan40Fine, 'source-identifier': '7' })).toHaveLength(1);
    expect(findings({ ...skan40Fine, 'source-identifier': 'ab' })).toHaveLength(1);
  });

  it('only SKAdNetwork 4+ postbacks: a 3.0 postback or another partner with a source-identifier param is left alone', () => {
    expect(findings({ ...skan30Win, 'source-identifier': '5239' })).toEqual([]);
    expect(findings({ 'source-identifier': '5239', 'coarse-conversion-value': 'high', version: '4.0' })).toEqual([]);
  });

  it('a profile with privacy checks off gets no finding', () => {
    expect(findings({ ...skan40Coarse, 'source-identifier': '5239' }, 'off')).toEqual([]);
  });
});
