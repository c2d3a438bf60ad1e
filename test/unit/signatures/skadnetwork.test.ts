import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { skadnetworkScheme } from '../../../src/signatures/index.js';
import { skan10Network, skan20Network, skan21, skan22, skan30Lose, skan30Win, skan40Coarse, skan40Fine } from './apple-fixtures.js';
import { captured } from './helpers.js';

const post = (body: object) => captured({ url: '/skan', headers: [['Content-Type', 'application/json']], body: JSON.stringify(body, null, 2) });
const S = '\u2063';

describe("SKAdNetwork — Apple's published postbacks against Apple's keys", () => {
  it.each([
    ['4.0 fine value', skan40Fine],
    ['4.0 coarse value', skan40Coarse],
    ['3.0 winner', skan30Win],
    ['3.0 non-winner (no source-app-id)', skan30Lose],
    ['2.2', skan22],
    ['2.1', skan21],
    ['2.0 (P-192, real network postback)', skan20Network],
    ['1.0 (P-192, real network postback)', skan10Network],
  ])('%s verifies', (_name, body) => {
    const v = skadnetworkScheme.verify({ request: post(body) });
    expect(v.cause).toBeNull();
    expect(v).toMatchObject({ valid: true, trust: 'production', expected: null, given: body['attribution-signature'] });
  });

  it('rebuilds the exact 4.0 and 3.0 strings (U+2063, booleans as text, absent optional fields omitted)', () => {
    expect(skadnetworkScheme.verify({ request: post(skan40Fine) }).canonical).toBe(
      ['4.0', 'com.example', '5239', '525463029', '6aafb7a5-0170-41b5-bbe4-fe71dedf1e30', 'false', 'example.com', '1', 'true', '0'].join(S),
    );
    const lose = skadnetworkScheme.verify({ request: post(skan30Lose) });
    expect(lose.canonical).toBe(['3.0', 'example123.skadnetwork', '42', '525463029', 'f9ac267a-a889-44ce-b5f7-0166d11461f0', 'true', '1', 'false'].join(S));
    expect(lose.canonicalVisible).toContain('3.0⟨U+2063⟩example123.skadnetwork');
    expect(skadnetworkScheme.verify({ request: post(skan10Network) }).canonical.startsWith('su67r6k2v3.skadnetwork' + S)).toBe(true);
  });

  it('conversion values are not signed: changing them keeps the signature valid, and they are listed', () => {
    const v = skadnetworkScheme.verify({ request: post({ ...skan40Fine, 'conversion-value': 7 }) });
    expect(v.valid).toBe(true);
    expect(v.details.join('\n')).toMatch(/not covered by the signature: conversion-value, attribution-signature/);
  });

  it.each(['ad-network-id', 'source-identifier', 'app-id', 'transaction-id', 'source-domain', 'postback-sequence-index'])('tampered %s fails', (field) => {
    expect(skadnetworkScheme.verify({ request: post({ ...skan40Fine, [field]: '999' }) }).valid).toBe(false);
  });

  it('tampered booleans fail', () => {
    expect(skadnetworkScheme.verify({ request: post({ ...skan40Fine, redownload: true }) }).valid).toBe(false);
    expect(skadnetworkScheme.verify({ request: post({ ...skan30Win, 'did-win': false }) }).valid).toBe(false);
  });

  it('names a wrong version field order (profile forces 2.2, postback is 3.0)', () => {
    const v = skadnetworkScheme.explain({ request: post(skan30Win), options: { version: '2.2' } });
    expect(v.valid).toBe(false);
    expect(v.cause).toBe('wrong SKAdNetwork version field order: the signature matches the 3.0 field order, not the 2.2 order (the postback\'s version field says "3.0")');
    const p192 = skadnetworkScheme.explain({ request: post(skan21), options: { version: '2.0' } });
    expect(p192.cause).toMatch(/matches the 2.1 field order, not the 2.0 order/);
  });

  it('names booleans re-serialised as 1/0', () => {
    const v = skadnetworkScheme.explain({ request: post({ ...skan30Win, redownload: 1 }) });
    expect(v.cause).toMatch(/^booleans re-serialised/);
  });

  it('reports missing fields, unknown versions and a missing signature', () => {
    const { 'app-id': _drop, ...noApp } = skan40Fine;
    expect(skadnetworkScheme.verify({ request: post(noApp) }).cause).toBe('missing required field(s) for version 4.0: app-id');
    expect(skadnetworkScheme.verify({ request: post({ ...skan40Fine, version: '5.0' }) }).cause).toMatch(/unknown SKAdNetwork version "5.0"/);
    const { 'attribution-signature': _s, ...unsigned } = skan40Fine;
    expect(skadnetworkScheme.verify({ request: post(unsigned) }).cause).toMatch(/signature missing/);
  });

  it('sign → verify round trip with your own P-256 key (trust: custom-key); Apple key rejects it', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const draft = { ...skan40Fine, 'attribution-signature': undefined, 'transaction-id': '11111111-1111-1111-1111-111111111111' };
    const s = skadnetworkScheme.sign({ request: { url: '/skan', body: JSON.stringify(draft) }, key: { privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() } });
    expect(s.placement).toEqual({ in: 'body', field: 'attribution-signature' });
    const request = captured({ url: '/skan', body: s.body ?? Buffer.alloc(0) });
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(skadnetworkScheme.verify({ request, key: { publicKey: pem } })).toMatchObject({ valid: true, trust: 'custom-key' });
    expect(skadnetworkScheme.verify({ request }).valid).toBe(false);
  });
});
