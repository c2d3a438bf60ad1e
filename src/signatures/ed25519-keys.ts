/**
 * Standard Webhooks' serialised ed25519 keys: `whpk_` + base64 of the 32-byte public key and
 * `whsk_` + base64 of the secret key (the 32-byte seed, or libsodium's 64-byte seed‖public form).
 * Node has ed25519 built in; it only needs the raw bytes wrapped as a JWK or PKCS#8.
 * Source: https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md
 *   ("Signature scheme": asymmetric = ed25519, secret serialisation whsk_ / whpk_, identifier v1a).
 */
import { createPrivateKey, createPublicKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';

/** RFC 8410 PKCS#8 prefix for an Ed25519 private key: what precedes the 32-byte seed. */
const PKCS8_ED25519 = Buffer.from('302e020100300506032b657004220420', 'hex');

function base64Bytes(text: string): Buffer | null {
  const t = text.trim();
  return /^[A-Za-z0-9+/]+={0,2}$/.test(t) ? Buffer.from(t, 'base64') : null;
}

export function isStandardWebhooksKey(material: string): boolean {
  return /^(whpk|whsk)_/.test(material.trim());
}

/** `whpk_<base64 of 32 bytes>` → public KeyObject; throws with a message that never quotes the key. */
export function ed25519PublicFromWhpk(material: string): KeyObject {
  const raw = base64Bytes(material.trim().slice('whpk_'.length));
  if (!raw || raw.length !== 32) throw new Error('a whpk_ key is base64 of a 32-byte ed25519 public key');
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
}

/** `whsk_<base64 of the 32-byte seed or 64-byte seed‖public>` → private KeyObject. */
export function ed25519PrivateFromWhsk(material: string): KeyObject {
  const raw = base64Bytes(material.trim().slice('whsk_'.length));
  if (!raw || (raw.length !== 32 && raw.length !== 64)) throw new Error('a whsk_ key is base64 of a 32-byte ed25519 seed (or 64 bytes: seed and public key)');
  return createPrivateKey({ key: Buffer.concat([PKCS8_ED25519, raw.subarray(0, 32)]), format: 'der', type: 'pkcs8' });
}
