import type { MacroDialect } from '../model/sender.js';
import { grammarOf, MACRO_GRAMMARS, matchName } from '../shared/macro-grammars.js';

export { isDialect, macroDialects } from '../shared/macro-grammars.js';

export interface TextToken {
  kind: 'text';
  text: string;
}

export interface MacroToken {
  kind: 'macro';
  /** As written, e.g. `{{ click_id }}`. */
  token: string;
  name: string;
}

export type Token = TextToken | MacroToken;

/**
 * Splits text into literal runs and macros of one dialect. Each dialect's pattern is exact: a
 * template in one dialect never has another dialect's tokens replaced (they are reported as
 * unreplaced instead, which is the bug QA wants to see).
 */
export function tokenize(text: string, dialect: MacroDialect): Token[] {
  const pattern = new RegExp(grammarOf(dialect).token.source, 'g');
  const tokens: Token[] = [];
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index > last) tokens.push({ kind: 'text', text: text.slice(last, match.index) });
    tokens.push({ kind: 'macro', token: match[0], name: matchName(match) });
    last = match.index + match[0].length;
  }
  if (last < text.length) tokens.push({ kind: 'text', text: text.slice(last) });
  return tokens;
}

/** Where a text sits decides how loose the look-alikes are (see MacroGrammar.strict). */
export type LeftoverPlace = 'url' | 'other';

/**
 * Tokens of any known grammar in already expanded text: a template in the wrong dialect, or a
 * value that itself carries a macro. In the URL every grammar's own form counts, whatever the
 * template's dialect (`[click_id]` in a curly template would reach the partner as is); elsewhere
 * the stricter forms, so JSON (`{"a":1}`, `[1]`) and prose (`(note)`) do not trip them. Longest
 * forms first, each reported once.
 */
export function findLeftovers(text: string, place: LeftoverPlace = 'other'): string[] {
  // Most postbacks hold none of the opening characters: one cheap test instead of ten scans.
  if (!/[{[#(]|__/.test(text)) return [];
  const found: string[] = [];
  let rest = text;
  for (const grammar of MACRO_GRAMMARS) {
    const pattern = place === 'url' ? grammar.found : (grammar.strict ?? grammar.found);
    for (const match of rest.matchAll(pattern)) if (!found.includes(match[0])) found.push(match[0]);
    // Blank out what matched so `{{x}}` is not reported again as `{x}`, nor `[[x]]` as `[x]`.
    rest = rest.replace(pattern, (m) => ' '.repeat(m.length));
  }
  return found;
}

/**
 * The dialect whose tokens appear most in a text (for imported cURL commands); curly when none.
 * Counted with the strict forms, so a stray `(note)` does not make a template paren.
 */
export function guessDialect(text: string): MacroDialect {
  let best: MacroDialect = 'curly';
  let bestCount = 0;
  let rest = text;
  const counts = new Map<MacroDialect, number>();
  for (const grammar of MACRO_GRAMMARS) {
    const pattern = grammar.strict ?? grammar.found;
    counts.set(grammar.dialect, [...rest.matchAll(pattern)].length);
    rest = rest.replace(pattern, (m) => ' '.repeat(m.length));
  }
  // Singular's templates mix `{cl?Network Name}` with plain `{EVTNAME}`: its dialect reads both.
  if ((counts.get('curly-arg') ?? 0) > 0) counts.set('curly-arg', (counts.get('curly-arg') ?? 0) + (counts.get('curly') ?? 0));
  // Ties go to the earlier (more specific) grammar.
  for (const grammar of MACRO_GRAMMARS) {
    const count = counts.get(grammar.dialect) ?? 0;
    if (count > bestCount) {
      best = grammar.dialect;
      bestCount = count;
    }
  }
  return best;
}
