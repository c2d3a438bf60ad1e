import type { SecretEncodingName, SecretInfo, SecretKind } from '../model/profile.js';
import { privateKeyFrom, publicKeyFrom } from '../signatures/ec-keys.js';
import { decodeSecret } from '../signatures/encoding.js';
import type { KeyMaterial } from '../signatures/types.js';
import type { StoredSecret } from '../store/secrets-repository.js';
import { maskSecret, noMask, secretMask, type SecretMask } from './secret-mask.js';

export interface SecretInput {
  kind: SecretKind;
  encoding: SecretEncodingName;
  value: string;
}

// Moved next to the mask that labels every masked spelling with it; re-exported for callers.
export { maskSecret } from './secret-mask.js';

export function secretInfo(secret: StoredSecret): SecretInfo {
  return {
    kind: secret.kind,
    encoding: secret.encoding,
    // A public key is public: the UI may show it whole so the user can compare it with the partner's.
    masked: secret.kind === 'public-key' ? 'public key' : maskSecret(secret.value),
    ...(secret.kind === 'public-key' ? { publicKey: secret.value } : {}),
    updatedAt: secret.updatedAt,
  };
}

/** Reads `{ secret | value, encoding?, kind? }` from an API body; the message never repeats the value. */
export function parseSecretInput(body: unknown): SecretInput | { error: string; field: string } {
  if (typeof body !== 'object' || body === null) return { error: 'expected { secret, encoding?, kind? }', field: 'secret' };
  const raw = body as Record<string, unknown>;
  const value = raw['secret'] ?? raw['value'];
  const kind = (raw['kind'] ?? 'shared') as SecretKind;
  const encoding = (raw['encoding'] ?? 'utf8') as SecretEncodingName;
  if (typeof value !== 'string' || value.length === 0) return { error: 'a non-empty string is required', field: 'secret' };
  if (!['shared', 'public-key', 'private-key'].includes(kind)) return { error: 'kind is shared, public-key or private-key', field: 'kind' };
  if (!['utf8', 'hex', 'base64'].includes(encoding)) return { error: 'encoding is utf8, hex or base64', field: 'encoding' };
  const problem = secretProblem({ kind, encoding, value });
  return problem ? { error: problem, field: 'secret' } : { kind, encoding, value };
}

function secretProblem(secret: SecretInput): string | null {
  if (secret.kind === 'shared') return decodeSecret(secret.value, secret.encoding) ? null : `the secret is not valid ${secret.encoding}`;
  try {
    if (secret.kind === 'public-key') publicKeyFrom(secret.value);
    else privateKeyFrom(secret.value);
    return null;
  } catch {
    // The parser's message may quote the key material: say only what kind of thing was expected.
    return `not a usable ${secret.kind === 'public-key' ? 'public' : 'private'} key (PEM, JWK JSON, base64 DER SPKI, or whpk_/whsk_ for Standard Webhooks)`;
  }
}

/** The key material the signature library wants. */
export function keyMaterial(secret: SecretInput | StoredSecret | null): KeyMaterial | null {
  if (!secret) return null;
  if (secret.kind === 'public-key') return { publicKey: secret.value };
  if (secret.kind === 'private-key') return { privateKey: secret.value };
  return { secret: secret.value, secretEncoding: secret.encoding };
}

/**
 * The mask for whatever a key can leak into: a shared secret in every spelling of its bytes, a
 * private key as stored. Public keys are public and stay readable.
 */
export function secretMaskFor(key: KeyMaterial | null): SecretMask {
  if (!key) return noMask;
  if ('privateKey' in key) return secretMask([{ text: key.privateKey, bytes: null }]);
  if (!('secret' in key)) return noMask;
  return secretMask([{ text: key.secret, bytes: decodeSecret(key.secret, key.secretEncoding) }]);
}
