/**
 * Sequence alignment shared by params, headers and JSON arrays.
 *
 * Why LCS and not position-by-position: with duplicates (`a=1&a=2` vs `a=2`) a positional pairing
 * would report "1→2 changed, 2 removed" where the truth is "a=1 removed".
 */

/** A step of an alignment: both indices set = paired (anchor: equal keys), one set = only on that side. */
export interface Step {
  left: number | null;
  right: number | null;
  anchor: boolean;
}

/** Above this many cells the O(n·m) table is too costly; callers fall back to positional pairing. */
export const LCS_CELL_LIMIT = 4_000_000;

/** Longest common subsequence of two key lists, as increasing index pairs. */
export function lcsPairs(a: readonly string[], b: readonly string[]): Array<[number, number]> {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) return [];
  if (n * m > LCS_CELL_LIMIT) return [];
  // Suffix table: len[i][j] = LCS of a[i..] and b[j..], flattened.
  const w = m + 1;
  const len = new Uint32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      len[i * w + j] =
        a[i] === b[j]
          ? (len[(i + 1) * w + j + 1] ?? 0) + 1
          : Math.max(len[(i + 1) * w + j] ?? 0, len[i * w + j + 1] ?? 0);
    }
  }
  const pairs: Array<[number, number]> = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      pairs.push([i, j]);
      i++;
      j++;
    } else if ((len[(i + 1) * w + j] ?? 0) >= (len[i * w + j + 1] ?? 0)) i++;
    else j++;
  }
  return pairs;
}

/**
 * Turns anchors into a full alignment: between consecutive anchors the leftover items are paired
 * in order (a changed value keeps its place), the surplus becomes left-only / right-only.
 * Indices in the `skip` sets (e.g. moved array elements) are left out entirely.
 */
export function pairGaps(
  anchors: ReadonlyArray<readonly [number, number]>,
  nLeft: number,
  nRight: number,
  skipLeft: ReadonlySet<number> = new Set(),
  skipRight: ReadonlySet<number> = new Set(),
): Step[] {
  const steps: Step[] = [];
  let li = 0;
  let ri = 0;
  const flush = (lEnd: number, rEnd: number): void => {
    const ls: number[] = [];
    const rs: number[] = [];
    for (; li < lEnd; li++) if (!skipLeft.has(li)) ls.push(li);
    for (; ri < rEnd; ri++) if (!skipRight.has(ri)) rs.push(ri);
    const both = Math.min(ls.length, rs.length);
    for (let k = 0; k < both; k++) steps.push({ left: ls[k] ?? null, right: rs[k] ?? null, anchor: false });
    for (let k = both; k < ls.length; k++) steps.push({ left: ls[k] ?? null, right: null, anchor: false });
    for (let k = both; k < rs.length; k++) steps.push({ left: null, right: rs[k] ?? null, anchor: false });
  };
  for (const [l, r] of anchors) {
    flush(l, r);
    steps.push({ left: l, right: r, anchor: true });
    li = l + 1;
    ri = r + 1;
  }
  flush(nLeft, nRight);
  return steps;
}

/** Items of a named list (params, headers): grouped by `name`, aligned within a group by `value`. */
export interface Named {
  name: string;
  value: string;
}

/**
 * Aligns two named lists order-insensitively: each name group is aligned on its own, so only
 * duplicates of the same name are ever paired with one another. Groups come out in order of first
 * appearance (left side first, then names only on the right). Indices refer to the input lists.
 */
export function alignByName(left: readonly Named[], right: readonly Named[]): Step[] {
  const groups = new Map<string, { l: number[]; r: number[] }>();
  const group = (name: string): { l: number[]; r: number[] } => {
    let g = groups.get(name);
    if (!g) groups.set(name, (g = { l: [], r: [] }));
    return g;
  };
  left.forEach((item, i) => group(item.name).l.push(i));
  right.forEach((item, i) => group(item.name).r.push(i));
  const steps: Step[] = [];
  for (const { l, r } of groups.values()) {
    const anchors = lcsPairs(
      l.map((i) => left[i]?.value ?? ''),
      r.map((i) => right[i]?.value ?? ''),
    );
    for (const s of pairGaps(anchors, l.length, r.length)) {
      steps.push({
        left: s.left === null ? null : (l[s.left] ?? null),
        right: s.right === null ? null : (r[s.right] ?? null),
        anchor: s.anchor,
      });
    }
  }
  return steps;
}

/** True when paired items do not appear in the same relative order on both sides. */
export function orderChanged(pairs: ReadonlyArray<{ left: number; right: number }>): boolean {
  const byLeft = [...pairs].sort((a, b) => a.left - b.left);
  for (let k = 1; k < byLeft.length; k++) {
    if ((byLeft[k]?.right ?? 0) < (byLeft[k - 1]?.right ?? 0)) return true;
  }
  return false;
}
