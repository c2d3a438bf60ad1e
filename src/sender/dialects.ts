import type { MacroDialect } from '../model/sender.js';

export const macroDialects: readonly MacroDialect[] = ['curly', 'double-curly', 'square', 'hash', 'paren', 'dollar'];

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
 * One pattern per dialect, each exact: a template in one dialect never has another dialect's
 * tokens replaced (they are reported as unreplaced instead, which is the bug QA wants to see).
 */
const patterns: Record<MacroDialect, RegExp> = {
  curly: /\{([A-Za-z_][A-Za-z0-9_.-]*)\}/g,
  // Handlebars-style templates often pad the name: `{{ click_id }}`.
  'double-curly': /\{\{\s*([A-Za-z_][A-Za-z0-9_.-]*)\s*\}\}/g,
  square: /\[([A-Za-z_][A-Za-z0-9_]*)\]/g,
  hash: /#([A-Za-z_][A-Za-z0-9_]*)#/g,
  paren: /\(([A-Za-z_][A-Za-z0-9_-]*)\)/g,
  dollar: /\$\{([A-Za-z_][A-Za-z0-9_.-]*)\}/g,
};

export function isDialect(value: unknown): value is MacroDialect {
  return typeof value === 'string' && (macroDialects as readonly string[]).includes(value);
}

/** Splits text into literal runs and macros of one dialect. */
export function tokenize(text: string, dialect: MacroDialect): Token[] {
  const pattern = new RegExp(patterns[dialect].source, 'g');
  const tokens: Token[] = [];
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index > last) tokens.push({ kind: 'text', text: text.slice(last, match.index) });
    tokens.push({ kind: 'macro', token: match[0], name: match[1]! });
    last = match.index + match[0].length;
  }
  if (last < text.length) tokens.push({ kind: 'text', text: text.slice(last) });
  return tokens;
}

/**
 * Strict look-alikes of every dialect, used on the expanded request to find tokens nothing
 * replaced: a template in the wrong dialect, or a value that itself carries a macro. Stricter than
 * the dialects so JSON (`{"a":1}`, `[1]`) and prose do not trip them: square wants upper case,
 * paren wants a separated name like `(click-id)`.
 */
const leftoverPatterns: Array<[MacroDialect, RegExp]> = [
  ['double-curly', /\{\{\s*[A-Za-z_][A-Za-z0-9_.-]*\s*\}\}/g],
  ['dollar', /\$\{[A-Za-z_][A-Za-z0-9_.-]*\}/g],
  ['curly', /\{[A-Za-z_][A-Za-z0-9_.-]*\}/g],
  ['square', /\[[A-Z][A-Z0-9_]*\]/g],
  ['hash', /#[A-Za-z_][A-Za-z0-9_]*#/g],
  ['paren', /\([a-z][a-z0-9]*(?:[-_][a-z0-9]+)+\)/g],
];

/** Macro-looking tokens in already expanded text, longest forms first, each reported once. */
export function findLeftovers(text: string): string[] {
  // Most postbacks hold none of the opening characters: one cheap test instead of six scans.
  if (!/[{[#(]/.test(text)) return [];
  const found: string[] = [];
  let rest = text;
  for (const [, pattern] of leftoverPatterns) {
    for (const match of rest.matchAll(pattern)) if (!found.includes(match[0])) found.push(match[0]);
    // Blank out what matched so `{{x}}` is not reported again as `{x}`.
    rest = rest.replace(pattern, (m) => ' '.repeat(m.length));
  }
  return found;
}

/** The dialect whose tokens appear most in a text (for imported cURL commands); curly when none. */
export function guessDialect(text: string): MacroDialect {
  let best: MacroDialect = 'curly';
  let bestCount = 0;
  // Order matters on ties: the longer, more specific forms win over the bare `{x}`.
  for (const dialect of ['double-curly', 'dollar', 'square', 'hash', 'curly', 'paren'] as const) {
    let count = tokenize(text, dialect).filter((t) => t.kind === 'macro').length;
    if (dialect === 'square') count = (text.match(/\[[A-Z][A-Z0-9_]*\]/g) ?? []).length;
    if (dialect === 'paren') count = (text.match(leftoverPatterns[5]![1]) ?? []).length;
    if (count > bestCount) {
      best = dialect;
      bestCount = count;
    }
  }
  return best;
}
