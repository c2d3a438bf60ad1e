/**
 * Key material parsing for the asymmetric schemes: PEM, JWK (as JSON text),
 * base64 DER SubjectPublicKeyInfo, or Standard Webhooks' whpk_/whsk_ — the forms a QA
 * engineer pastes into a profile.
 */
import { createPrivateKey, createPublicKey } from 'node:crypto';
import type { JsonWebKey, KeyObject } from 'node:crypto';
import { ed25519PrivateFromWhsk, ed25519PublicFromWhpk } from './ed25519-keys.js';

const cache = new Map<string, KeyObject>();

/** Parses PEM, a JWK (JSON text), base64 DER SPKI or a whpk_ key into a public KeyObject (cached). */
export function publicKeyFrom(material: string): KeyObject {
  const hit = cache.get(material);
  if (hit) return hit;
  const text = material.trim();
  const key = text.startsWith('whpk_')
    ? ed25519PublicFromWhpk(text)
    : text.startsWith('-----BEGIN')
      ? createPublicKey(text)
      : text.startsWith('{')
        ? createPublicKey({ key: JSON.parse(text) as JsonWebKey, format: 'jwk' })
        : createPublicKey({ key: Buffer.from(text, 'base64'), format: 'der', type: 'spki' });
  cache.set(material, key);
  return key;
}

/** Parses a PEM (PKCS#8 or SEC1), JWK or whsk_ private key. */
export function privateKeyFrom(material: string): KeyObject {
  const text = material.trim();
  if (text.startsWith('whsk_')) return ed25519PrivateFromWhsk(text);
  return text.startsWith('{') ? createPrivateKey({ key: JSON.parse(text) as JsonWebKey, format: 'jwk' }) : createPrivateKey(text);
}
