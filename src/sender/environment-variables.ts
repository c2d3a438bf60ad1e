import type { MacroDialect, SendProblem } from '../model/sender.js';
import { tokenize, type Token } from './dialects.js';

/** The variables `{{name}}` is replaced from (an environment's values in clear). */
export interface TemplateEnvironment {
  name: string;
  values: ReadonlyMap<string, string>;
}

/** `{{name}}`, `{{ name }}`: Postman's variable form. */
const VARIABLE = /\{\{\s*([A-Za-z_][\w.-]*)\s*\}\}/g;

/**
 * Tokenizes one template field with environment variables replaced first: a known `{{name}}`
 * becomes literal text, so its value is neither read as a macro nor encoded for its slot (a
 * `{{base_url}}` of `https://partner.example` goes in as written, and the URL's structure is read
 * with it in place). An unknown one is a problem naming it, and is never sent as is; in the
 * double-curly dialect, where `{{name}}` is also a macro, it is left to the macros instead.
 */
export function tokenizeWithEnvironment(text: string, dialect: MacroDialect, environment: TemplateEnvironment | null, where: string, problems: SendProblem[]): Token[] {
  if (!text.includes('{{')) return tokenize(text, dialect);
  const tokens: Token[] = [];
  let pending = '';
  let last = 0;
  for (const match of text.matchAll(VARIABLE)) {
    const name = match[1]!;
    const value = environment?.values.get(name);
    if (value === undefined && dialect === 'double-curly') continue;
    pending += text.slice(last, match.index);
    last = match.index + match[0].length;
    if (pending) tokens.push(...tokenize(pending, dialect));
    pending = '';
    tokens.push({ kind: 'text', text: value ?? match[0] });
    if (value === undefined && !problems.some((p) => p.code === 'unknown-variable' && p.token === match[0])) {
      const why = environment ? `the environment "${environment.name}" has no variable "${name}"` : 'no environment is selected';
      problems.push({ code: 'unknown-variable', token: match[0], message: `Unknown variable ${match[0]} in the ${where}: ${why}` });
    }
  }
  pending += text.slice(last);
  if (pending) tokens.push(...tokenize(pending, dialect));
  return mergeText(tokens);
}

/** Adjacent literal runs as one, as tokenize() gives them (the slot readers expect no split runs). */
function mergeText(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (const token of tokens) {
    const previous = out[out.length - 1];
    if (token.kind === 'text' && previous?.kind === 'text') out[out.length - 1] = { kind: 'text', text: previous.text + token.text };
    else out.push(token);
  }
  return out;
}
