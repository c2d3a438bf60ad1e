import { maskSecret } from '../profiles/secrets.js';
import type { Verdict } from '../signatures/types.js';
import { makeVisible } from '../signatures/visible.js';

/**
 * Canonical strings of concatenation and template schemes contain the secret itself
 * (`md5(a:b:SECRET)`): every stored, returned or printed verdict goes through here first.
 */
export function redactVerdict(verdict: Verdict, spellings: readonly string[]): Verdict {
  const secrets = [...new Set(spellings.filter((s) => s.length > 0))].sort((a, b) => b.length - a.length);
  if (secrets.length === 0) return verdict;
  const hide = (text: string): string => secrets.reduce((t, s) => t.split(s).join(maskSecret(s)), text);
  const canonical = hide(verdict.canonical);
  const redacted: Verdict = {
    ...verdict,
    canonical,
    canonicalVisible: canonical === verdict.canonical ? verdict.canonicalVisible : makeVisible(canonical),
    cause: verdict.cause === null ? null : hide(verdict.cause),
    details: verdict.details.map(hide),
  };
  if (canonical !== verdict.canonical) redacted.details = [...redacted.details, 'the secret is part of the signed string and is shown masked'];
  return redacted;
}
