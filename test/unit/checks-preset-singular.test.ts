/**
 * The Singular partner preset (src/checks/presets/singular-partner.json) judged on Singular's own
 * documented example template, filled in
 * (https://support.singular.net/hc/en-us/articles/115004063323-Postback-Macros-and-Passthrough-Parameters-for-Ad-Networks:
 * `?cl_id={cl?NetworkName}&app_id={{app_id}}&ip={EVENT_IP}&amount={AMOUNT}&event={EVTNAME}&timestamp={UTCM}`),
 * from addresses inside and outside Singular's published postback servers
 * (https://support.singular.net/hc/en-us/articles/360058106812-Postback-Server-IP-Addresses).
 */
import { describe, expect, it } from 'vitest';
import { profilePresets } from '../../src/checks/presets.js';
import { computeVerdict } from '../../src/verdicts/compute-verdict.js';

const preset = profilePresets().find((p) => p.id === 'singular-partner')!;

function judge(target: string, remoteAddress: string) {
  return computeVerdict({
    exchangeId: 1,
    request: { method: 'GET', target, rawHeaders: [['Host', 'rx.test']], body: Buffer.alloc(0) },
    nowSec: 1_700_000_000,
    profile: { id: 1, input: preset.profile },
    key: null,
    maxDecodedBytes: 1e6,
    remoteAddress,
  });
}

// {EVENT_IP} is a documentation address (RFC 5737): a raw IP in a param is a privacy warning by design.
const filled = '/pb?cl_id=abc123&app_id=42&ip=198.51.100.23&amount=4.99&event=__iap__&timestamp=1700000000000';

describe('Singular partner preset', () => {
  it("carries Singular's published postback server ranges (the /23 and the twelve AWS addresses), with their source", () => {
    expect(preset.profile.allowedSources).toHaveLength(13);
    expect(preset.profile.allowedSources).toContain('198.134.6.0/23');
    expect(preset.profile.allowedSources).toContain('35.155.194.216/32');
    expect(preset.sources.some((s) => s.includes('360058106812-Postback-Server-IP-Addresses'))).toBe(true);
    expect(preset.profile.macroDialect).toBe('curly-arg');
  });

  it("the documented example, filled in and sent from Singular's /23, passes its params and its source", () => {
    const v = judge(filled, '198.134.7.200');
    expect(v.params.filter((p) => p.status === 'fail')).toEqual([]);
    expect(v.issues.map((i) => i.code)).toEqual(['privacy-ip-address']);
    expect(v.status).toBe('pass');
    // One of the single AWS addresses too.
    expect(judge(filled, '44.239.146.125').issues.map((i) => i.code)).not.toContain('source-not-allowed');
  });

  it('fails from a public address outside the list, and without the click id', () => {
    expect(judge(filled, '44.239.146.126').issues.map((i) => i.code)).toContain('source-not-allowed');
    const noClick = judge(filled.replace('cl_id=abc123&', ''), '198.134.6.1');
    expect(noClick.status).toBe('fail');
    expect(noClick.params.find((p) => p.name === 'cl_id')).toMatchObject({ status: 'fail' });
  });

  it('an unreplaced Singular macro such as {cl?NetworkName} is caught under its dialect', () => {
    const v = judge('/pb?cl_id=%7Bcl%3FNetworkName%7D&event=install', '198.134.6.1');
    expect(v.issues.map((i) => i.code)).toContain('unreplaced-macro');
  });
});
