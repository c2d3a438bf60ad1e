import { describe, expect, it } from 'vitest';
import { alwaysOnChecks } from '../../src/checks/always-on.js';
import { DEFAULT_AMOUNT_NAMES, resolveAmountNames } from '../../src/checks/amounts.js';
import { extractFields } from '../../src/checks/postback-fields.js';
import { profilePresets } from '../../src/checks/presets.js';
import { endpointPresets } from '../../src/endpoints/presets.js';

/**
 * docs.keitaro.io/en/conversions/postback.html: "subid (required)", "payout (or revenue)",
 * "currency. Currency (usd, eur, rub, etc.)" under "Convert currency: Pass parameter currency in
 * the postback" — currency asks for a conversion; a payout without it is not a fault.
 */
const documentedHit = '/keitaro/key/postback?subid=abc123&status=sale&payout=10';

function currencyWarnings(amounts: ReturnType<typeof resolveAmountNames>) {
  const request = { method: 'GET', target: documentedHit, rawHeaders: [] as Array<[string, string]>, body: Buffer.alloc(0) };
  return alwaysOnChecks(extractFields(request, 1e6).fields, { dialect: null, signedParams: false, amounts, allowEmpty: new Set() }).filter((i) => i.code === 'currency-missing');
}

describe('Keitaro presets', () => {
  it('the endpoint preset names the Keitaro profile preset, which exists', () => {
    const endpoint = endpointPresets().find((p) => p.id === 'keitaro')!;
    expect(endpoint.profilePreset).toBe('keitaro');
    expect(profilePresets().some((p) => p.id === endpoint.profilePreset)).toBe(true);
    // The misspelled postbacks.html link is gone.
    expect(endpoint.source).toMatch(/^https:\/\/docs\.keitaro\.io\/en\/conversions\/postback\.html /);
  });

  it('a documented hit without currency warns under the generic rules but not under the Keitaro profile', () => {
    expect(currencyWarnings(DEFAULT_AMOUNT_NAMES)).toHaveLength(1);
    const keitaro = profilePresets().find((p) => p.id === 'keitaro')!.profile;
    expect(currencyWarnings(resolveAmountNames(keitaro.amounts))).toEqual([]);
  });

  it('every endpoint preset that names a profile preset names one that exists', () => {
    const ids = new Set(profilePresets().map((p) => p.id));
    for (const p of endpointPresets()) if (p.profilePreset) expect(ids.has(p.profilePreset), p.id).toBe(true);
  });
});
