import type { ProfileMacroDialect } from '../model/profile.js';
import { grammarLabel, grammarOf, MACRO_GRAMMARS, matchName } from '../shared/macro-grammars.js';

export interface MacroHit {
  token: string;
  name: string;
  dialect: ProfileMacroDialect;
}

/**
 * Parentheses are ordinary in prose ("Pack (large)"): a parenthesised word counts as a macro only
 * when it is the whole value or reads like an identifier (`(click-id)`, `(CLICK_ID)`). A whole
 * value `(idfa)` is AppsFlyer's macro with nothing put in.
 */
function plausible(dialect: ProfileMacroDialect, name: string, token: string, whole: string): boolean {
  if (dialect !== 'paren') return true;
  return whole.trim() === token || /[-_]/.test(name) || /^[A-Z0-9_]+$/.test(name);
}

/** A character (or `__`) that every grammar's token starts with: `{{x}}` `{x}` `${x}` `[x]` `[[x]]` `#x#` `__X__` `(x)`. */
const MACRO_DELIMITER = /[[{$#(]|__/;

/**
 * Macro shapes of every known grammar (src/shared/macro-grammars.ts), longest forms first so
 * `{{x}}` is reported once, not again as `{x}`, and Branch's `${(x)!}` is named Branch's, not
 * AppsFlyer's `(x)`. They run on received values, where a literal `{click_id}` means the
 * partner's tracker had nothing to put there: the most common postback bug.
 */
export function findMacros(value: string): MacroHit[] {
  // Most values hold no delimiter at all: one scan instead of two per grammar.
  if (!MACRO_DELIMITER.test(value)) return [];
  const hits: MacroHit[] = [];
  let rest = value;
  for (const grammar of MACRO_GRAMMARS) {
    for (const m of rest.matchAll(grammar.found)) {
      const name = matchName(m);
      if (plausible(grammar.dialect, name, m[0], value) && !hits.some((h) => h.token === m[0])) hits.push({ token: m[0], name, dialect: grammar.dialect });
    }
    rest = rest.replace(grammar.found, (m) => ' '.repeat(m.length));
  }
  return hits;
}

/** Why a token is there, in the words a QA engineer would use with the partner, naming its grammar. */
export function explainMacro(hit: MacroHit, param: string, dialect: ProfileMacroDialect | null, encodedTwice: boolean): string {
  const where = `${param}=${hit.token}${encodedTwice ? ' (after decoding the value twice)' : ''}`;
  if (dialect && dialect !== hit.dialect) {
    return `unreplaced macro ${where}: a ${hit.dialect} token, but this partner's macros look like ${grammarOf(dialect).example} — the template was written for another tracker (${grammarLabel(hit.dialect)})`;
  }
  return `unreplaced macro ${where}: the sender's tracker had no value for ${hit.name}, or does not know that macro (${grammarLabel(hit.dialect)})`;
}
