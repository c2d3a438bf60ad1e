import { generateKeyPairSync, sign as cryptoSign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { adAttributionKitScheme } from '../../../src/signatures/index.js';
import { aakDevelopment } from './apple-fixtures.js';
import { captured } from './helpers.js';

const post = (body: object) => captured({ url: '/aak', headers: [['Content-Type', 'application/json']], body: JSON.stringify(body) });

describe("AdAttributionKit — Apple's published example (development key)", () => {
  it('verifies with the built-in apple-development-identifier/1 key and is marked untrusted', () => {
    const v = adAttributionKitScheme.verify({ request: post(aakDevelopment) });
    expect(v).toMatchObject({ valid: true, trust: 'development', cause: null });
    const text = v.details.join('\n');
    expect(text).toMatch(/UNTRUSTED/);
    expect(text).toMatch(/unsigned fields .*: conversion-value, ad-interaction-type, country-code/);
    expect(text).toMatch(/signed fields: postback-identifier, .*advertised-item-identifier/);
    expect(v.canonical).toBe(aakDevelopment['jws-string'].split('.').slice(0, 2).join('.'));
  });

  it('unsigned fields can change without breaking the signature; a tampered payload fails', () => {
    expect(adAttributionKitScheme.verify({ request: post({ ...aakDevelopment, 'conversion-value': 63 }) }).valid).toBe(true);
    const [h, p, s] = aakDevelopment['jws-string'].split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, 'advertised-item-identifier': 1 })).toString('base64url');
    const v = adAttributionKitScheme.explain({ request: post({ ...aakDevelopment, 'jws-string': `${h}.${forged}.${s}` }) });
    expect(v.valid).toBe(false);
    expect(v.cause).toMatch(/^signature mismatch/);
  });

  it("refuses alg other than ES256 and unknown kids without a supplied key", () => {
    const seg = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const none = `${seg({ kid: 'apple-cas-identifier/0', alg: 'none' })}.${seg({ a: 1 })}.`;
    expect(adAttributionKitScheme.verify({ request: post({ 'jws-string': none }) }).cause).toMatch(/alg "none" refused/);
    const unknown = `${seg({ kid: 'who/9', alg: 'ES256' })}.${seg({ a: 1 })}.${'A'.repeat(86)}`;
    expect(adAttributionKitScheme.verify({ request: post({ 'jws-string': unknown }) }).cause).toMatch(/unknown kid "who\/9".*supply the public key/);
  });

  it('a relabelled kid breaks the signature (the header is signed)', () => {
    const [, p, s] = aakDevelopment['jws-string'].split('.') as [string, string, string];
    const relabelled = Buffer.from(JSON.stringify({ kid: 'apple-development-identifier/0', alg: 'ES256' })).toString('base64url');
    expect(adAttributionKitScheme.explain({ request: post({ 'jws-string': `${relabelled}.${p}.${s}` }) }).valid).toBe(false);
  });

  it('names a DER-encoded signature (JWS needs raw R||S)', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const seg = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const input = `${seg({ kid: 'mine/0', alg: 'ES256' })}.${seg({ 'did-win': true })}`;
    const der = cryptoSign('sha256', Buffer.from(input), privateKey).toString('base64url');
    const v = adAttributionKitScheme.explain({ request: post({ 'jws-string': `${input}.${der}` }), key: { publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString() } });
    expect(v.cause).toMatch(/^signature encoding: the signature is DER/);
  });

  it('sign → verify with a supplied P-256 key (JWK), trust custom-key, unsigned fields outside the JWS', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const claims = { 'postback-identifier': 'X', 'ad-network-identifier': 'example.adattributionkit', 'did-win': true, 'conversion-value': 12 };
    const s = adAttributionKitScheme.sign({ request: { url: '/aak', body: JSON.stringify(claims) }, key: { privateKey: JSON.stringify(privateKey.export({ format: 'jwk' })) } });
    expect(s.value.split('.')).toHaveLength(3);
    expect(Buffer.from(s.value.split('.')[2] ?? '', 'base64url')).toHaveLength(64);
    const request = captured({ url: '/aak', body: s.body ?? Buffer.alloc(0) });
    const v = adAttributionKitScheme.verify({ request, key: { publicKey: JSON.stringify(publicKey.export({ format: 'jwk' })) } });
    expect(v).toMatchObject({ valid: true, trust: 'custom-key' });
    expect(v.details.join('\n')).toMatch(/unsigned fields .*: conversion-value/);
  });
});
