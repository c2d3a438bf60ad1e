import type { Slot } from '../model/sender.js';
import type { Token } from './dialects.js';
import { normalizeName } from './values.js';

/** A literal run, or a macro with its slot and its normalized name (computed once, looked up per postback). */
export type Part = { kind: 'text'; text: string } | { kind: 'macro'; token: string; name: string; key: string; slot: Slot };

/**
 * Where each macro of a URL template sits. The structure is read from the template's literal
 * text only (macros count as one opaque character), so a value can never move a boundary:
 *   scheme://authority | path | ?query (name=value&…) | #fragment
 * A macro before the path (e.g. `{base_url}/pb`) is an origin slot and goes in unencoded.
 */
export function urlSlots(tokens: readonly Token[]): Part[] {
  const skeleton = tokens.map((t) => (t.kind === 'text' ? t.text : '\u0000')).join('');
  // `{scheme}://host` counts too: anything without / ? # up to the first `://`.
  const scheme = /^[^/?#]*?:\/\//.exec(skeleton)?.[0].length ?? 0;
  const authorityEnd = firstOf(skeleton, '/?#', scheme);
  const queryStart = firstOf(skeleton, '?#', authorityEnd);
  const fragmentStart = firstOf(skeleton, '#', queryStart);

  let index = 0;
  let inQueryValue = false;
  const parts: Part[] = [];
  for (const token of tokens) {
    if (token.kind === 'text') {
      // Code units, like the skeleton's indexes.
      for (let i = 0; i < token.text.length; i++, index++) {
        if (index <= queryStart || index >= fragmentStart) continue;
        const c = token.text[i];
        if (c === '&') inQueryValue = false;
        else if (c === '=') inQueryValue = true;
      }
      parts.push({ kind: 'text', text: token.text });
      continue;
    }
    let slot: Slot;
    if (index < authorityEnd) slot = 'origin';
    else if (index < queryStart) slot = 'path';
    else if (index < fragmentStart) slot = inQueryValue ? 'query-value' : 'query-name';
    else slot = 'fragment';
    parts.push({ kind: 'macro', token: token.token, name: token.name, key: normalizeName(token.name), slot });
    index += 1;
  }
  return parts;
}

/** A form body: `name=value&…`, like a query. */
export function formSlots(tokens: readonly Token[]): Part[] {
  let inValue = false;
  return tokens.map((token) => {
    if (token.kind === 'text') {
      for (const c of token.text) {
        if (c === '&') inValue = false;
        else if (c === '=') inValue = true;
      }
      return { kind: 'text', text: token.text };
    }
    return { kind: 'macro', token: token.token, name: token.name, key: normalizeName(token.name), slot: inValue ? 'form-value' : 'form-name' };
  });
}

/** A JSON body: is the macro inside a string literal (escape it) or bare (number or quoted string)? */
export function jsonSlots(tokens: readonly Token[]): Part[] {
  let inString = false;
  let escaped = false;
  return tokens.map((token) => {
    if (token.kind === 'text') {
      for (const c of token.text) {
        if (escaped) escaped = false;
        else if (inString && c === '\\') escaped = true;
        else if (c === '"') inString = !inString;
      }
      return { kind: 'text', text: token.text };
    }
    return { kind: 'macro', token: token.token, name: token.name, key: normalizeName(token.name), slot: inString ? 'json-string' : 'json-bare' };
  });
}

/** Every macro in one fixed slot (header values, raw bodies, success-rule bodies). */
export function fixedSlots(tokens: readonly Token[], slot: Slot): Part[] {
  return tokens.map((token) => (token.kind === 'text' ? token : { kind: 'macro', token: token.token, name: token.name, key: normalizeName(token.name), slot }));
}

function firstOf(text: string, chars: string, from: number): number {
  for (let i = from; i < text.length; i++) if (chars.includes(text[i]!)) return i;
  return text.length;
}
