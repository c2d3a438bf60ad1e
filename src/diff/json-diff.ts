/**
 * Structural JSON comparison over the lossless tree of json-parse.ts.
 *
 * - Leaves: numbers by source text (`1.0` ≠ `1`, annotated as numerically equal); strings by
 *   decoded value, where a pure escape difference (`"\u0041"` vs `"A"`) is 'encoding-only'.
 * - Objects by key (key order is 'order' noise); arrays by index, or move-aware: elements are
 *   aligned by content (LCS) so an insertion or a move is one entry, not a cascade of changes.
 * - An ignored path that differs yields one ignored entry for the whole subtree.
 */
import { LCS_CELL_LIMIT, lcsPairs, orderChanged, pairGaps } from './align.js';
import type { IgnoreMatcher } from './ignore.js';
import { formatPath, type PathSegment } from './json-path.js';
import { numbersEqual, type JsonNode } from '../http/json.js';
import type { JsonDiffEntry, JsonEntryKind } from './types.js';

export interface JsonDiffOptions {
  ignore: IgnoreMatcher;
  arrays: 'index' | 'move-aware';
  /** Receives remarks worth showing with the result (e.g. a fallback that was taken). */
  onNote?: (note: string) => void;
}

type Path = readonly PathSegment[];

export function diffJson(
  leftText: string,
  left: JsonNode,
  rightText: string,
  right: JsonNode,
  opts: JsonDiffOptions,
): JsonDiffEntry[] {
  const out: JsonDiffEntry[] = [];
  const prints = new WeakMap<JsonNode, string>();

  /** Canonical content: decoded strings, sorted keys, numbers as written. Equal ⇔ same data. */
  const fp = (n: JsonNode): string => {
    const cached = prints.get(n);
    if (cached !== undefined) return cached;
    let s: string;
    if (n.type === 'object') {
      const parts = n.members.map((m) => `${JSON.stringify(m.key)}:${fp(m.value)}`);
      s = `{${parts.sort().join(',')}}`;
    } else if (n.type === 'array') s = `[${n.items.map(fp).join(',')}]`;
    else if (n.type === 'string') s = JSON.stringify(n.value);
    else if (n.type === 'number') s = n.raw;
    else s = n.type === 'boolean' ? String(n.value) : 'null';
    prints.set(n, s);
    return s;
  };

  const push = (
    kind: JsonEntryKind,
    lp: Path | null,
    rp: Path | null,
    l: JsonNode | null,
    r: JsonNode | null,
    note?: string,
    numericEqual = false,
  ): void => {
    const path = formatPath(lp ?? rp ?? []);
    const rightPath = lp && rp ? formatPath(rp) : undefined;
    const ignored = (lp !== null && opts.ignore.json(lp)) || (rp !== null && opts.ignore.json(rp));
    out.push({
      kind,
      path,
      ...(rightPath !== undefined && rightPath !== path ? { rightPath } : {}),
      left: l ? leftText.slice(l.start, l.end) : null,
      right: r ? rightText.slice(r.start, r.end) : null,
      leftType: l?.type ?? null,
      rightType: r?.type ?? null,
      ...(note !== undefined ? { note } : {}),
      ...(numericEqual ? { numericEqual } : {}),
      ignored,
      counted: !ignored && kind !== 'encoding-only' && kind !== 'order' && !(numericEqual && opts.ignore.numericFormat),
    });
  };

  const diff = (l: JsonNode, r: JsonNode, lp: Path, rp: Path): void => {
    // Same source text ⇒ nothing to report, not even noise; the common case for large bodies.
    if (l.end - l.start === r.end - r.start && raw(leftText, l) === raw(rightText, r)) return;
    if (opts.ignore.json(lp) || opts.ignore.json(rp)) {
      if (fp(l) !== fp(r)) push('changed', lp, rp, l, r);
      return;
    }
    if (l.type !== r.type) return push('changed', lp, rp, l, r, `type ${l.type} → ${r.type}`);
    if (l.type === 'string' && r.type === 'string') {
      if (l.value !== r.value) push('changed', lp, rp, l, r);
      else {
        push('encoding-only', lp, rp, l, r, 'same string, different escapes');
      }
    } else if (l.type === 'number' && r.type === 'number') {
      if (l.raw !== r.raw) {
        const equal = numbersEqual(l.raw, r.raw);
        push('changed', lp, rp, l, r, equal ? 'numerically equal, source text differs' : undefined, equal);
      }
    } else if (l.type === 'boolean' && r.type === 'boolean') {
      if (l.value !== r.value) push('changed', lp, rp, l, r);
    } else if (l.type === 'object' && r.type === 'object') {
      diffObject(l, r, lp, rp);
    } else if (l.type === 'array' && r.type === 'array') {
      if (opts.arrays !== 'move-aware') diffByIndex(l.items, r.items, lp, rp);
      else if (l.items.length * r.items.length <= LCS_CELL_LIMIT) diffMoves(l, r, lp, rp);
      else {
        opts.onNote?.(`${formatPath(lp)}: too large for move-aware alignment, compared by index`);
        diffByIndex(l.items, r.items, lp, rp);
      }
    }
  };

  type Obj = Extract<JsonNode, { type: 'object' }>;
  const diffObject = (l: Obj, r: Obj, lp: Path, rp: Path): void => {
    const groups = new Map<string, { l: Obj['members']; r: Obj['members'] }>();
    const group = (k: string): { l: Obj['members']; r: Obj['members'] } => {
      let g = groups.get(k);
      if (!g) groups.set(k, (g = { l: [], r: [] }));
      return g;
    };
    for (const m of l.members) group(m.key).l.push(m);
    for (const m of r.members) group(m.key).r.push(m);
    for (const [key, g] of groups) {
      const dup = g.l.length > 1 || g.r.length > 1 ? 'duplicate key' : undefined;
      const lk = [...lp, key];
      const rk = [...rp, key];
      for (let k = 0; k < Math.max(g.l.length, g.r.length); k++) {
        const lm = g.l[k];
        const rm = g.r[k];
        if (lm && rm) {
          if (lm.keyRaw !== rm.keyRaw && !opts.ignore.json(lk)) {
            out.push({ kind: 'encoding-only', path: formatPath(lk), left: lm.keyRaw, right: rm.keyRaw,
              leftType: null, rightType: null, note: 'same key, different escapes', ignored: false, counted: false });
          }
          diff(lm.value, rm.value, lk, rk);
        } else if (lm) push('removed', lk, null, lm.value, null, dup);
        else if (rm) push('added', null, rk, null, rm.value, dup);
      }
    }
    // Key order carries no meaning in JSON, but a signature over the raw body depends on it.
    const lPos = firstPositions(l.members);
    const rPos = firstPositions(r.members);
    const common = [...lPos.keys()].filter((k) => rPos.has(k) && !opts.ignore.json([...lp, k]));
    const pairs = common.map((k) => ({ left: lPos.get(k) ?? 0, right: rPos.get(k) ?? 0 }));
    if (orderChanged(pairs)) {
      const rOrder = [...common].sort((a, b) => (rPos.get(a) ?? 0) - (rPos.get(b) ?? 0));
      out.push({ kind: 'order', path: formatPath(lp), left: common.join(', '), right: rOrder.join(', '),
        leftType: 'object', rightType: 'object', note: 'key order differs', ignored: false, counted: false });
    }
  };

  const diffByIndex = (ls: JsonNode[], rs: JsonNode[], lp: Path, rp: Path): void => {
    for (let i = 0; i < Math.max(ls.length, rs.length); i++) {
      const l = ls[i];
      const r = rs[i];
      if (l && r) diff(l, r, [...lp, i], [...rp, i]);
      else if (l) push('removed', [...lp, i], null, l, null);
      else if (r) push('added', null, [...rp, i], null, r);
    }
  };

  type Arr = Extract<JsonNode, { type: 'array' }>;
  const diffMoves = (l: Arr, r: Arr, lp: Path, rp: Path): void => {
    const lf = l.items.map(fp);
    const rf = r.items.map(fp);
    const anchors = lcsPairs(lf, rf);
    const anchoredL = new Set(anchors.map(([i]) => i));
    const anchoredR = new Set(anchors.map(([, j]) => j));
    // Identical elements left out of the common subsequence have moved.
    const pool = new Map<string, number[]>();
    lf.forEach((f, i) => {
      if (!anchoredL.has(i)) pool.set(f, [...(pool.get(f) ?? []), i]);
    });
    const movedL = new Set<number>();
    const movedR = new Set<number>();
    const moves: Array<[number, number]> = [];
    rf.forEach((f, j) => {
      const i = anchoredR.has(j) ? undefined : pool.get(f)?.shift();
      if (i === undefined) return;
      movedL.add(i);
      movedR.add(j);
      moves.push([i, j]);
    });
    for (const s of pairGaps(anchors, l.items.length, r.items.length, movedL, movedR)) {
      const li = s.left === null ? undefined : l.items[s.left];
      const ri = s.right === null ? undefined : r.items[s.right];
      // Anchors hold the same data: diffing them only surfaces escape/key-order noise, if any.
      if (li && ri && s.left !== null && s.right !== null) diff(li, ri, [...lp, s.left], [...rp, s.right]);
      else if (li && s.left !== null) push('removed', [...lp, s.left], null, li, null);
      else if (ri && s.right !== null) push('added', null, [...rp, s.right], null, ri);
    }
    for (const [i, j] of moves) {
      push('moved', [...lp, i], [...rp, j], l.items[i] ?? null, r.items[j] ?? null, `moved from index ${i} to ${j}`);
    }
  };

  diff(left, right, [], []);
  return out;
}

/** Position of each key's first occurrence (duplicates keep the first). */
function firstPositions(members: ReadonlyArray<{ key: string }>): Map<string, number> {
  const pos = new Map<string, number>();
  members.forEach((m, i) => {
    if (!pos.has(m.key)) pos.set(m.key, i);
  });
  return pos;
}

function raw(text: string, n: JsonNode): string {
  return text.slice(n.start, n.end);
}
