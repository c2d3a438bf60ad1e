import type { SecretMask } from '../profiles/secret-mask.js';
import { maskDeep } from '../profiles/secret-mask.js';
import type { Verdict } from '../signatures/types.js';
import { makeVisible } from '../signatures/visible.js';

/**
 * Canonical strings of concatenation and template schemes contain the secret itself
 * (`md5(a:b:SECRET)`), as bytes that may be control characters or invalid UTF-8: every
 * stored, returned or printed verdict goes through here first.
 */
export function redactVerdict(verdict: Verdict, mask: SecretMask): Verdict {
  const redacted = maskDeep(verdict, mask);
  if (redacted.canonical === verdict.canonical) return redacted;
  // Made visible again from the masked text: the mask's label must not be split into ⟨U+…⟩ tags.
  redacted.canonicalVisible = makeVisible(redacted.canonical);
  redacted.details = [...redacted.details, 'the secret is part of the signed string and is shown masked'];
  return redacted;
}
