/**
 * SKAdNetwork 4 source-identifier digits against the postback's crowd-anonymity tier
 * (src/checks/skan-source-identifier.ts), on Apple's own example postbacks
 * (https://developer.apple.com/documentation/storekit/verifying-an-install-validation-postback)
 * and modified copies of them. Apple: the source-identifier is two, three or four digits
 * (identifying-the-parameters-in-install-validation-postbacks); the number depends on the postback
 * data tier (SKAdImpression.sourceIdentifier). The tier a first winning postback's fields show
 * (src/checks/skan-tier.ts, from the partners' table of Apple's WWDC22 session 10038:
 * help.branch.io/marketer-hub/skadnetwork-data, docs.backup.linkrunner.io/features/skan-dashboard/privacy-tiers):
 * no value → Tier 0, 2 digits; coarse only → Tier 1, 2 digits; fine without source app/domain →
 * Tier 2, 3 digits; fine with it → Tier 3, 4 digits.
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

  it('not flagged where the fields do not pin the tier down: later postbacks, non-winning ones', () => {
    // Second and third postbacks carry a coarse value at every tier.
    expect(findings({ ...skan40Coarse, 'source-identifier': '5239', 'postback-sequence-index': 1 })).toEqual([]);
    expect(findings({ ...skan40Coarse, 'source-identifier': '5239', 'did-win': false })).toEqual([]);
  });

  it('a first postback with no conversion value is Tier 0: two digits', () => {
    const { 'coarse-conversion-value': _c, ...tier0 } = skan40Coarse;
    expect(findings(tier0)).toEqual([]);
    expect(findings({ ...tier0, 'source-identifier': '523' })).toEqual([['fail', expect.stringMatching(/3 digits, but a first postback with no conversion value is at crowd-anonymity Tier 0, where Apple sends 2/)]]);
  });

  it("a fine value with the source app or domain is Tier 3: Apple's fine example's four digits pass, and three do too", () => {
    expect(findings(skan40Fine)).toEqual([]);
    expect(findings({ ...skan40Fine, 'source-identifier': '523' })).toEqual([]);
    const { 'source-domain': _d, ...fromApp } = skan40Fine;
    expect(findings({ ...fromApp, 'source-app-id': 1234567891 })).toEqual([]);
  });

  it('a fine value without the source app or domain is Tier 2: three digits; four are flagged as a warning', () => {
    const { 'source-domain': _d, ...tier2 } = skan40Fine;
    expect(findings({ ...tier2, 'source-identifier': '523' })).toEqual([]);
    expect(findings(tier2)).toEqual([['warn', expect.stringMatching(/4 digits, but a fine conversion value without a source-app-id or source-domain is at crowd-anonymity Tier 2, where Apple sends 3/)]]);
  });

  it('fewer digits than the tier carries are not flagged (a network may define a short identifier)', () => {
    expect(findings({ ...skan40Fine, 'source-identifier': '52' })).toEqual([]);
  });

  it('fidelity-type does not change the tier: a view-through postback is judged the same', () => {
    expect(findings({ ...skan40Fine, 'fidelity-type': 0 })).toEqual([]);
    expect(findings({ ...skan40Coarse, 'fidelity-type': 0, 'source-identifier': '5239' })).toEqual(findings({ ...skan40Coarse, 'source-identifier': '5239' }));
  });

  it('a postback with both a fine and a coarse value has no tier shape: no digit finding (the conversion decoding says why)', () => {
    expect(findings({ ...skan40Fine, 'coarse-conversion-value': 'high' })).toEqual([]);
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
