/** A run of characters that the other side has too (`same`) or not. */
export interface Segment {
  text: string;
  same: boolean;
}

export interface CharDiff {
  a: Segment[];
  b: Segment[];
  /** Positions that differ (same length), or characters outside the shared start and end. */
  differing: number;
  /** False when nothing but chance lines up: a different secret or message, not a typo. */
  related: boolean;
  /** Characters equal only once letter case is ignored (counted as the same, not as differing). */
  caseOnly: number;
}

export interface CharDiffOptions {
  /** Hex digests: `A` and `a` are the same digit, so case-only differences are not differences. */
  ignoreCase?: boolean;
}

function push(out: Segment[], ch: string, same: boolean): void {
  const last = out[out.length - 1];
  if (last && last.same === same) last.text += ch;
  else out.push({ text: ch, same });
}

/**
 * Which characters of two signatures differ, honestly: same length → compared position by
 * position; different lengths → what they share at the start and at the end (a missing `sha256=`
 * prefix, a trailing newline). Digests either match or they do not, so when only chance
 * coincidences line up (under half), the whole value is marked as different rather than speckled.
 */
export function charDiff(a: string, b: string, options: CharDiffOptions = {}): CharDiff {
  const A = Array.from(a);
  const B = Array.from(b);
  const outA: Segment[] = [];
  const outB: Segment[] = [];
  const fold = (ch: string | undefined) => (options.ignoreCase ? ch?.toLowerCase() : ch);
  const caseOnly = options.ignoreCase ? A.filter((ch, i) => B[i] !== undefined && ch !== B[i] && fold(ch) === fold(B[i])).length : 0;
  if (A.length === B.length) {
    const same = A.map((ch, i) => fold(ch) === fold(B[i]));
    const matches = same.filter(Boolean).length;
    const related = matches * 2 >= A.length;
    let differing = 0;
    A.forEach((ch, i) => {
      const s = related && same[i]!;
      if (!s) differing += 2;
      push(outA, ch, s);
      push(outB, B[i]!, s);
    });
    return { a: outA, b: outB, differing: differing / 2, related, caseOnly };
  }
  let prefix = 0;
  while (prefix < A.length && prefix < B.length && fold(A[prefix]) === fold(B[prefix])) prefix++;
  let suffix = 0;
  while (suffix < A.length - prefix && suffix < B.length - prefix && fold(A[A.length - 1 - suffix]) === fold(B[B.length - 1 - suffix])) suffix++;
  const shared = prefix + suffix;
  const related = shared * 2 >= Math.min(A.length, B.length);
  const mark = (chars: string[], out: Segment[]) => {
    chars.forEach((ch, i) => push(out, ch, related && (i < prefix || i >= chars.length - suffix)));
  };
  mark(A, outA);
  mark(B, outB);
  const differing = related ? A.length + B.length - 2 * shared : Math.max(A.length, B.length);
  return { a: outA, b: outB, differing, related, caseOnly: A.length === B.length ? caseOnly : 0 };
}

export interface Marked {
  text: string;
  kind: 'text' | 'invisible' | 'secret';
}

/** Splits `canonicalVisible` into plain text, the markers visible.ts put in for invisible characters, and the secret's mask. */
export function visibleMarkers(text: string): Marked[] {
  const out: Marked[] = [];
  // ⟨U+2063⟩ ⟨NBSP⟩ ⟨NNBSP⟩, ⏎ (line end), ␍, ⇥, trailing-space dots; •••• is a masked secret.
  const re = /⟨[^⟩\n]{1,12}⟩|⏎|␍|⇥|·+(?=⏎|$)|•{4}/g;
  let from = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > from) out.push({ text: text.slice(from, m.index), kind: 'text' });
    out.push({ text: m[0], kind: m[0].startsWith('•') ? 'secret' : 'invisible' });
    from = m.index + m[0].length;
  }
  if (from < text.length) out.push({ text: text.slice(from), kind: 'text' });
  return out;
}

export function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}
