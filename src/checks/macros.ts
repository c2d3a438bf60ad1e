import type { ProfileMacroDialect } from '../model/profile.js';

export interface MacroHit {
  token: string;
  name: string;
  dialect: ProfileMacroDialect;
}

/**
 * Macro shapes of every tracker dialect, longest forms first so `{{x}}` is reported once, not
 * again as `{x}`. They run on received values, where a literal `{click_id}` means the partner's
 * tracker had nothing to put there: the most common postback bug.
 */
const PATTERNS: Array<[ProfileMacroDialect, RegExp]> = [
  ['double-curly', /\{\{\s*([A-Za-z_][\w.-]*)\s*\}\}/g],
  ['dollar', /\$\{([A-Za-z_][\w.-]*)\}/g],
  ['curly', /\{([A-Za-z_][\w.-]*)\}/g],
  ['square', /\[([A-Za-z_][\w.-]*)\]/g],
  ['hash', /#([A-Za-z_][\w.-]*)#/g],
  ['paren', /\(([A-Za-z_][\w.-]*)\)/g],
];

/**
 * Parentheses are ordinary in prose ("Pack (large)"): a parenthesised word counts as a macro only
 * when it is the whole value or reads like an identifier (`(click-id)`, `(CLICK_ID)`).
 */
function plausible(dialect: ProfileMacroDialect, name: string, token: string, whole: string): boolean {
  if (dialect !== 'paren') return true;
  return whole.trim() === token || /[-_]/.test(name) || /^[A-Z0-9_]+$/.test(name);
}

export function findMacros(value: string): MacroHit[] {
  const hits: MacroHit[] = [];
  let rest = value;
  for (const [dialect, pattern] of PATTERNS) {
    for (const m of rest.matchAll(pattern)) {
      if (plausible(dialect, m[1]!, m[0], value) && !hits.some((h) => h.token === m[0])) hits.push({ token: m[0], name: m[1]!, dialect });
    }
    rest = rest.replace(pattern, (m) => ' '.repeat(m.length));
  }
  return hits;
}

const DIALECT_EXAMPLES: Record<ProfileMacroDialect, string> = {
  curly: '{click_id}',
  'double-curly': '{{click_id}}',
  square: '[CLICK_ID]',
  hash: '#click_id#',
  paren: '(click-id)',
  dollar: '${click_id}',
};

/** Why a token is there, in the words a QA engineer would use with the partner. */
export function explainMacro(hit: MacroHit, param: string, dialect: ProfileMacroDialect | null, encodedTwice: boolean): string {
  const where = `${param}=${hit.token}${encodedTwice ? ' (after decoding the value twice)' : ''}`;
  if (dialect && dialect !== hit.dialect) {
    return `unreplaced macro ${where}: a ${hit.dialect} token, but this partner's macros look like ${DIALECT_EXAMPLES[dialect]} — the template was written for another tracker`;
  }
  return `unreplaced macro ${where}: the sender's tracker had no value for ${hit.name}, or does not know that macro`;
}
