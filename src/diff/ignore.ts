/**
 * Ignore rules. Ignored items are still reported (flagged `ignored: true`) but never counted, so
 * a QA engineer can see that e.g. `ts` differed without it failing the comparison.
 *
 * Rule forms:
 * - `ts`                  bare name: query param, form field, header (case-insensitive) and the
 *                         top-level JSON member `$.ts` (what "ignore ts" means in a postback).
 * - `query.ts`            query param only;  `form.ts` form field only.
 * - `header.date` / `headers.date`  header only.
 * - `$.a.b[0]`, `$.items[*].ts`     JSON path (prefix: ignores the subtree).
 * - `body.a.b`            same as `$.a.b`; for form bodies, the field named `a.b`.
 * - `body`                the whole body, whatever its kind.
 * - `~numeric-format`     values equal as decimal numbers (`3.10` vs `3.1`, JSON `1.0` vs `1`) are
 *                         noise: still shown with their note, not counted. A `~` rule is an option,
 *                         not a name: `~` cannot start a sensible param name, JSON key or header.
 */
import { matchesPrefix, parsePathPattern, type PathSegment, type PatternSegment } from './json-path.js';

export interface IgnoreMatcher {
  param(scope: 'query' | 'form', name: string): boolean;
  header(name: string): boolean;
  json(path: readonly PathSegment[]): boolean;
  wholeBody: boolean;
  /** Numerically equal values are noise (`~numeric-format`). */
  numericFormat: boolean;
}

/** The ignore rule that turns numerically-equal changes into noise. */
export const NUMERIC_FORMAT_RULE = '~numeric-format';

export function compileIgnore(rules: readonly string[] = []): IgnoreMatcher {
  const query = new Set<string>();
  const form = new Set<string>();
  const headers = new Set<string>();
  const patterns: PatternSegment[][] = [];
  let wholeBody = false;
  let numericFormat = false;

  const addPattern = (text: string): void => {
    const p = parsePathPattern(text);
    if (p) patterns.push(p);
  };

  for (const raw of rules) {
    const rule = raw.trim();
    if (rule === '') continue;
    if (rule === NUMERIC_FORMAT_RULE) {
      numericFormat = true;
      continue;
    }
    if (rule === 'body' || rule === '$') {
      wholeBody = true;
    } else if (rule.startsWith('$')) {
      addPattern(rule);
    } else if (rule.startsWith('body.') || rule.startsWith('body[')) {
      addPattern(`$${rule.slice(4)}`);
      if (rule.startsWith('body.')) form.add(rule.slice(5));
    } else if (rule.startsWith('query.')) {
      query.add(rule.slice(6));
    } else if (rule.startsWith('form.')) {
      form.add(rule.slice(5));
    } else if (/^headers?\./i.test(rule)) {
      headers.add(rule.slice(rule.indexOf('.') + 1).toLowerCase());
    } else {
      query.add(rule);
      form.add(rule);
      headers.add(rule.toLowerCase());
      patterns.push([{ kind: 'key', key: rule }]);
    }
    // A scoped rule also matches an item literally named so (a param called "query.x" is legal).
    query.add(rule);
    form.add(rule);
  }

  return {
    param: (scope, name) => (scope === 'query' ? query : form).has(name),
    header: (name) => headers.has(name.toLowerCase()),
    json: (path) => patterns.some((p) => matchesPrefix(p, path)),
    wholeBody,
    numericFormat,
  };
}
