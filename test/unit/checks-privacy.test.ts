/**
 * Privacy checks, from the rules partners publish:
 * - Meta Conversions API, customer information parameters: e-mail "trim leading and trailing white
 *   space and convert all characters to lowercase" before SHA-256; phone "remove symbols, letters
 *   and any leading zeros", with the country code (https://developers.facebook.com/docs/marketing-api/conversions-api/parameters/customer-information-parameters);
 * - Google Ads enhanced conversions: SHA-256 of the normalised e-mail / E.164 phone
 *   (https://support.google.com/google-ads/answer/13258081);
 * - Apple: with tracking not authorised, the IDFA is all zeros
 *   (https://developer.apple.com/documentation/adsupport/asidentifiermanager/advertisingidentifier).
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ProfileInput } from '../../src/model/profile.js';
import { computeVerdict } from '../../src/verdicts/compute-verdict.js';

const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

function issuesOf(target: string, profile: ProfileInput | null = null, body?: { json: unknown }) {
  const v = computeVerdict({
    exchangeId: 1,
    request: {
      method: body ? 'POST' : 'GET',
      target,
      rawHeaders: body ? [['Host', 'rx.test'], ['Content-Type', 'application/json']] : [['Host', 'rx.test']],
      body: body ? Buffer.from(JSON.stringify(body.json)) : Buffer.alloc(0),
    },
    nowSec: 1_700_000_000,
    profile: profile ? { id: 1, input: profile } : null,
    key: null,
    maxDecodedBytes: 1e6,
  });
  return v.issues.filter((i) => i.code.startsWith('privacy-')).map((i) => [i.code, i.param, i.severity]);
}

describe('privacy checks', () => {
  it('a hashed-e-mail field holding the address in clear fails; the SHA-256 of the normalised address passes', () => {
    expect(issuesOf('/pb?click_id=1&em=Joe@Example.com')).toEqual([['privacy-unhashed', 'em', 'fail']]);
    expect(issuesOf(`/pb?click_id=1&em=${sha('joe@example.com')}`)).toEqual([]);
  });

  it('a hash of the value as sent (not trimmed and lower-cased) is named as such', () => {
    const email = ' Joe@Example.com ';
    const v = computeVerdict({
      exchangeId: 1,
      request: { method: 'GET', target: `/pb?email=${encodeURIComponent(email)}&email_sha256=${sha(email)}`, rawHeaders: [['Host', 'rx.test']], body: Buffer.alloc(0) },
      nowSec: 0,
      profile: null,
      key: null,
      maxDecodedBytes: 1e6,
    });
    const mismatch = v.issues.find((i) => i.code === 'privacy-hash-mismatch');
    expect(mismatch?.message).toMatch(/not the SHA-256 of email normalised \(trimmed, lower-case\): it is the hash of the value as sent/);
    expect(v.issues.some((i) => i.code === 'privacy-clear-pii' && i.param === 'email')).toBe(true);
  });

  it('a phone hash must be of the E.164 form with its +', () => {
    expect(issuesOf(`/pb?phone=%2B1%20650-555-0100&ph=${sha('+16505550100')}`).map((i) => i[0])).toEqual(['privacy-clear-pii']);
    expect(issuesOf(`/pb?phone=%2B1%20650-555-0100&ph=${sha('16505550100')}`).map((i) => i[0])).toContain('privacy-hash-mismatch');
  });

  it('raw IPv4 and IPv6 addresses are findings, in the query and in JSON bodies', () => {
    expect(issuesOf('/pb?click_id=1&ip=203.0.113.7')).toEqual([['privacy-ip-address', 'ip', 'warn']]);
    expect(issuesOf('/pb', null, { json: { device: { ip: '2001:db8::1' } } })).toEqual([['privacy-ip-address', 'device.ip', 'warn']]);
  });

  it('a zeroed IDFA is flagged; an ad id sent with limit-ad-tracking on fails', () => {
    expect(issuesOf('/pb?idfa=00000000-0000-0000-0000-000000000000')).toEqual([['privacy-zeroed-ad-id', 'idfa', 'warn']]);
    expect(issuesOf('/pb?gaid=38400000-8cf0-11bd-b23e-10b96e40000d&lat=1')).toEqual([['privacy-lat-with-id', 'gaid', 'fail']]);
    expect(issuesOf('/pb?gaid=38400000-8cf0-11bd-b23e-10b96e40000d&lat=0')).toEqual([]);
  });

  it('a credential in the query is a finding; the same name in a JSON body is not (it is not logged with the URL)', () => {
    expect(issuesOf('/pb?click_id=1&api_key=abc123')).toEqual([['privacy-credential-in-url', 'api_key', 'warn']]);
    expect(issuesOf('/pb', null, { json: { api_key: 'abc123' } })).toEqual([]);
  });

  it('a profile can turn the privacy checks off for its partner', () => {
    const profile: ProfileInput = { name: 'p', params: [], macroDialect: 'curly', correlationKeys: [], privacyChecks: 'off' };
    expect(issuesOf('/pb?ip=203.0.113.7&em=joe@example.com', profile)).toEqual([]);
    expect(issuesOf('/pb?ip=203.0.113.7', { ...profile, privacyChecks: 'on' })).toHaveLength(1);
  });
});
