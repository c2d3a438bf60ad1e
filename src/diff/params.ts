/**
 * Compares two parameter lists (query strings and x-www-form-urlencoded bodies share the rules).
 *
 * - Matched by decoded name, order-insensitive; an order change is one separate 'order' entry,
 *   counted only on request (signatures over the raw query string depend on order).
 * - Duplicates are kept: `a=1&a=2` vs `a=1` reports `a=2` removed.
 * - `+` vs `%20`, `%7B` vs `{`, `%7b` vs `%7B`: same decoded bytes, different raw text →
 *   'encoding-only', reported but not counted as a value change.
 */
import { alignByName, orderChanged } from './align.js';
import { numbersEqual } from '../http/json.js';
import type { IgnoreMatcher } from './ignore.js';
import { parseParams, type ParsedParam } from './percent.js';
import type { ParamEntry, ParamValue, QueryDiffEntry } from './types.js';

export interface ParamDiffOptions {
  scope: 'query' | 'form';
  ignore: IgnoreMatcher;
  /** Count an order change as a difference. */
  orderCounts: boolean;
}

/** Parses both raw strings and compares them. */
export function diffParamStrings(left: string | null, right: string | null, opts: ParamDiffOptions): QueryDiffEntry[] {
  return diffParams(parseParams(left), parseParams(right), opts);
}

export function diffParams(
  left: readonly ParsedParam[],
  right: readonly ParsedParam[],
  opts: ParamDiffOptions,
): QueryDiffEntry[] {
  const steps = alignByName(
    left.map((p) => ({ name: p.nameKey, value: p.valueKey })),
    right.map((p) => ({ name: p.nameKey, value: p.valueKey })),
  );
  const counts = new Map<string, { l: number; r: number }>();
  for (const p of left) bump(counts, p.nameKey).l++;
  for (const p of right) bump(counts, p.nameKey).r++;

  const entries: QueryDiffEntry[] = [];
  const pairs: Array<{ left: number; right: number }> = [];
  for (const step of steps) {
    const l = step.left === null ? undefined : left[step.left];
    const r = step.right === null ? undefined : right[step.right];
    const any = l ?? r;
    if (!any) continue;
    const ignored = opts.ignore.param(opts.scope, any.name);
    const kind = classify(l, r);
    const c = counts.get(any.nameKey);
    const numeric = kind === 'changed' && l !== undefined && r !== undefined && isNumericEqual(l.value, r.value);
    entries.push({
      kind,
      name: any.name,
      left: l ? publicValue(l) : null,
      right: r ? publicValue(r) : null,
      duplicate: c !== undefined && (c.l > 1 || c.r > 1),
      ...(numeric ? { numericEqual: true, note: `numerically equal (${l.value} = ${r.value})` } : {}),
      ignored,
      counted: !ignored && (kind === 'added' || kind === 'removed' || kind === 'changed') && !(numeric && opts.ignore.numericFormat),
    });
    // Ignored params do not take part in the order check: their position is as ignorable as their value.
    if (l && r && !ignored) pairs.push({ left: l.index, right: r.index });
  }

  if (orderChanged(pairs)) {
    const names = (side: readonly ParsedParam[], key: 'left' | 'right'): string[] =>
      [...pairs].sort((a, b) => a[key] - b[key]).map((p) => side[p[key]]?.name ?? '');
    entries.push({ kind: 'order', left: names(left, 'left'), right: names(right, 'right'), counted: opts.orderCounts });
  }
  return entries;
}

/** Both are decimal numbers (`3.10`, `-0.5`, `1e3`) of the same value; a payout in another spelling. */
export function isNumericEqual(a: string, b: string): boolean {
  return DECIMAL.test(a) && DECIMAL.test(b) && numbersEqual(a, b);
}

const DECIMAL = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

function classify(l: ParsedParam | undefined, r: ParsedParam | undefined): ParamEntry['kind'] {
  if (!l) return 'added';
  if (!r) return 'removed';
  if (l.valueKey !== r.valueKey) return 'changed';
  return l.rawName === r.rawName && l.rawValue === r.rawValue ? 'unchanged' : 'encoding-only';
}

function publicValue(p: ParsedParam): ParamValue {
  return { index: p.index, rawName: p.rawName, rawValue: p.rawValue, name: p.name, value: p.value };
}

function bump(map: Map<string, { l: number; r: number }>, key: string): { l: number; r: number } {
  let v = map.get(key);
  if (!v) map.set(key, (v = { l: 0, r: 0 }));
  return v;
}
