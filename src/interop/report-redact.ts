/**
 * A report leaves the machine (it is attached to a ticket): no secret may ride along. Two nets:
 * params whose names say "secret" lose their values, and every stored profile secret (in every
 * spelling of its bytes, escaped as the finished HTML, CSV or JSON escapes it) is masked in the text.
 */
import { decodeComponent } from '../http/percent.js';
import { splitTarget } from '../http/target.js';
import { secretMask, type SecretMask } from '../profiles/secret-mask.js';
import { decodeSecret } from '../signatures/encoding.js';
import type { SecretEncoding } from '../signatures/types.js';

const SECRET_PARAM = /^(sig|signature|hash|hmac|token|access_?token|api_?key|apikey|key|secret|password|passwd|pass|auth|authorization|security_?token|private_?key)$/i;
const MASK = '••••';

/** `/pb?click_id=1&sig=abc` → `/pb?click_id=1&sig=••••` (the raw target otherwise as sent). */
export function redactTarget(target: string): string {
  const { path, rawQuery } = splitTarget(target);
  if (rawQuery === null) return target;
  // Rebuilt piece by piece (empty pieces too), so only masked values differ from what was sent.
  const query = rawQuery
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0) return pair;
      const name = decodeComponent(pair.slice(0, eq), { plusAsSpace: true }).text;
      return SECRET_PARAM.test(name) ? `${pair.slice(0, eq)}=${MASK}` : pair;
    })
    .join('&');
  return `${path}?${query}`;
}

/**
 * The mask for every stored secret (given in clear by the profiles, which own their decryption),
 * in every spelling of its bytes (secret-spellings.ts): the report may quote a captured URL where
 * a tracker leaked one, percent- or `+`-encoded.
 */
export function reportSecretMask(secrets: ReadonlyArray<{ kind: string; encoding: SecretEncoding; value: string }>): SecretMask {
  // Private keys have no byte form to spell: their text is what could leak.
  return secretMask(secrets.map((r) => ({ text: r.value, bytes: r.kind === 'shared' ? decodeSecret(r.value, r.encoding) : null })));
}
