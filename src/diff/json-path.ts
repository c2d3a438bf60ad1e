/**
 * JSON paths as shown to users (`$.items[2].price`, `$["odd key"]`) and as typed in ignore rules
 * (same syntax plus `*` / `[*]` wildcards).
 */

/** A step into a JSON value: object key (string) or array index (number). */
export type PathSegment = string | number;

export type PatternSegment = { kind: 'key'; key: string } | { kind: 'index'; index: number } | { kind: 'any' };

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function formatPath(path: readonly PathSegment[]): string {
  let out = '$';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += IDENT.test(seg) ? `.${seg}` : `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/**
 * Parses `$.a.b[0]["x y"].*` (leading `$` required). Returns null for malformed input, so a typo
 * in an ignore rule ignores nothing instead of everything.
 */
export function parsePathPattern(text: string): PatternSegment[] | null {
  if (!text.startsWith('$')) return null;
  const segs: PatternSegment[] = [];
  let i = 1;
  while (i < text.length) {
    const c = text[i];
    if (c === '.') {
      const m = /^[^.[]+/.exec(text.slice(i + 1));
      if (!m) return null;
      segs.push(m[0] === '*' ? { kind: 'any' } : { kind: 'key', key: m[0] });
      i += 1 + m[0].length;
    } else if (c === '[') {
      const close = findBracketEnd(text, i);
      if (close < 0) return null;
      const inner = text.slice(i + 1, close).trim();
      if (inner === '*') segs.push({ kind: 'any' });
      else if (/^\d+$/.test(inner)) segs.push({ kind: 'index', index: Number(inner) });
      else {
        const key = unquote(inner);
        if (key === null) return null;
        segs.push({ kind: 'key', key });
      }
      i = close + 1;
    } else return null;
  }
  return segs;
}

function findBracketEnd(text: string, open: number): number {
  let quote: string | null = null;
  for (let i = open + 1; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === ']') return i;
  }
  return -1;
}

function unquote(inner: string): string | null {
  if (inner.length >= 2 && inner.startsWith('"') && inner.endsWith('"')) {
    try {
      const v: unknown = JSON.parse(inner);
      return typeof v === 'string' ? v : null;
    } catch {
      return null;
    }
  }
  if (inner.length >= 2 && inner.startsWith("'") && inner.endsWith("'")) {
    return inner.slice(1, -1).replace(/\\(.)/g, '$1');
  }
  return null;
}

/** A rule ignores a node and everything under it: the pattern only has to match a prefix of the path. */
export function matchesPrefix(pattern: readonly PatternSegment[], path: readonly PathSegment[]): boolean {
  if (pattern.length > path.length) return false;
  return pattern.every((p, k) => {
    const seg = path[k];
    if (p.kind === 'any') return true;
    if (p.kind === 'index') return seg === p.index;
    return seg === p.key;
  });
}
