/**
 * Ignore-rule suggestions for a new baseline. A first comparison is mostly noise: click id,
 * timestamp and signature differ in every capture by design. A param whose value is different in
 * every one of several captures is such a volatile value; suggesting it (one click to add) beats
 * making the user find each by hand.
 */
import { NUMERIC_FORMAT_RULE } from './ignore.js';
import { isNumericEqual } from './params.js';

/** One capture's params, decoded, duplicates kept. */
export type CaptureParams = ReadonlyArray<{ name: string; value: string }>;

export interface RuleSuggestion {
  /** The ignore rule to add, e.g. `click_id` or `~numeric-format`. */
  rule: string;
  /** Why, in words: "a different value in each of 5 captures". */
  reason: string;
  /** Up to three of the values seen, to recognise the param by. */
  samples: string[];
}

/** Fewer than this many captures prove nothing: two captures differ in many things by chance. */
export const MIN_CAPTURES = 2;
const SAMPLES = 3;

/**
 * Params present in every capture whose value is never repeated across captures. Names already
 * covered by `existing` rules are left out; the order is the first capture's param order.
 */
export function suggestIgnoreRules(captures: readonly CaptureParams[], existing: readonly string[] = []): RuleSuggestion[] {
  if (captures.length < MIN_CAPTURES) return [];
  const have = new Set(existing.map((r) => r.trim()));
  const valuesOf = (capture: CaptureParams, name: string): string =>
    capture.filter((p) => p.name === name).map((p) => p.value).join('&');
  const names = [...new Set((captures[0] ?? []).map((p) => p.name))];
  const out: RuleSuggestion[] = [];
  for (const name of names) {
    if (have.has(name) || have.has(`query.${name}`) || have.has(`form.${name}`)) continue;
    if (!captures.every((c) => c.some((p) => p.name === name))) continue;
    const values = captures.map((c) => valuesOf(c, name));
    if (!allDistinct(values)) continue;
    out.push({ rule: name, reason: `a different value in each of ${captures.length} captures`, samples: values.slice(0, SAMPLES) });
  }
  return out;
}

/**
 * No two values alike, where `3.10` and `3.1` are alike: a payout written three ways is the same
 * payout, and ignoring it would hide a real change. Pairwise; a handful of captures.
 */
function allDistinct(values: readonly string[]): boolean {
  for (let i = 0; i < values.length; i++) {
    for (let j = i + 1; j < values.length; j++) {
      const a = values[i] ?? '';
      const b = values[j] ?? '';
      if (a === b || isNumericEqual(a, b)) return false;
    }
  }
  return true;
}

/** The `~numeric-format` suggestion, when a comparison found numerically-equal changes it would silence. */
export function numericFormatSuggestion(numericEqualCount: number, existing: readonly string[] = []): RuleSuggestion | null {
  if (numericEqualCount === 0 || existing.includes(NUMERIC_FORMAT_RULE)) return null;
  return {
    rule: NUMERIC_FORMAT_RULE,
    reason: `${numericEqualCount} ${numericEqualCount === 1 ? 'value differs' : 'values differ'} only in how the number is written (3.10 vs 3.1)`,
    samples: [],
  };
}
