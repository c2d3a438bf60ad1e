/**
 * Text prepared for a virtualized viewer: the display string, where its lines start and a flat
 * run of coloured tokens. Typed arrays so a worker can hand the result over without copying.
 *
 * JSON is re-indented at the string level (a tokenizer, never JSON.parse), so numbers such as
 * 12345678901234567890 or 1.0 and the key order stay exactly as the partner sent them.
 */

export const Tok = {
  plain: 0,
  punct: 1,
  key: 2,
  string: 3,
  number: 4,
  literal: 5,
  error: 6,
  /** A control character shown as an escape such as \r. */
  ctrl: 7,
} as const;
export type TokKind = (typeof Tok)[keyof typeof Tok];

export interface Highlighted {
  text: string;
  /** Offset of each line's first char; lines end before the next start's '\n'. */
  lineStarts: Uint32Array;
  /** Token i covers [tokStarts[i], tokStarts[i+1]) (the last one runs to the end). */
  tokStarts: Uint32Array;
  tokKinds: Uint8Array;
}

class Builder {
  private parts: string[] = [];
  private length = 0;
  private lines: number[] = [0];
  private starts: number[] = [];
  private kinds: number[] = [];

  push(text: string, kind: TokKind): void {
    if (text.length === 0) return;
    const last = this.kinds.length - 1;
    if (last < 0 || this.kinds[last] !== kind) {
      this.starts.push(this.length);
      this.kinds.push(kind);
    }
    this.parts.push(text);
    this.length += text.length;
  }

  newline(indent: string): void {
    this.push('\n', Tok.plain);
    this.lines.push(this.length);
    this.push(indent, Tok.plain);
  }

  /** Text that may itself contain newlines. */
  pushText(text: string, kind: TokKind): void {
    let from = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', from)) {
      this.push(text.slice(from, nl), kind);
      this.newline('');
      from = nl + 1;
    }
    this.push(text.slice(from), kind);
  }

  done(): Highlighted {
    return {
      text: this.parts.join(''),
      lineStarts: Uint32Array.from(this.lines),
      tokStarts: Uint32Array.from(this.starts),
      tokKinds: Uint8Array.from(this.kinds),
    };
  }
}

const isWs = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/** Tolerant: truncated or invalid JSON still comes out, the bad parts marked as errors. */
export function prettyJson(src: string, indentUnit = '  '): Highlighted {
  const b = new Builder();
  let depth = 0;
  let i = 0;
  const n = src.length;
  const indent = () => indentUnit.repeat(Math.max(0, depth));
  const nextNonWs = (from: number) => {
    let j = from;
    while (j < n && isWs(src[j]!)) j++;
    return j;
  };

  while (i < n) {
    const c = src[i]!;
    if (isWs(c)) {
      i++;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      while (j < n && src[j] !== '"') j += src[j] === '\\' ? 2 : 1;
      j = Math.min(j + 1, n);
      const after = nextNonWs(j);
      b.pushText(src.slice(i, j), src[after] === ':' ? Tok.key : Tok.string);
      i = j;
      continue;
    }
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      const after = nextNonWs(i + 1);
      if (src[after] === close) {
        b.push(c + close, Tok.punct);
        i = after + 1;
        continue;
      }
      b.push(c, Tok.punct);
      depth++;
      b.newline(indent());
      i++;
      continue;
    }
    if (c === '}' || c === ']') {
      depth--;
      b.newline(indent());
      b.push(c, Tok.punct);
      i++;
      continue;
    }
    if (c === ',') {
      b.push(',', Tok.punct);
      b.newline(indent());
      i++;
      continue;
    }
    if (c === ':') {
      b.push(': ', Tok.punct);
      i++;
      continue;
    }
    let j = i;
    while (j < n && /[A-Za-z0-9.+\-]/.test(src[j]!)) j++;
    if (j > i) {
      const word = src.slice(i, j);
      const kind = /^-?\d/.test(word) ? Tok.number : word === 'true' || word === 'false' || word === 'null' ? Tok.literal : Tok.error;
      b.push(word, kind);
      i = j;
      continue;
    }
    b.pushText(c, Tok.error);
    i++;
  }
  return b.done();
}

/** ASCII escapes rather than Unicode control pictures: those are missing from many monospace fonts. */
export function controlEscape(code: number): string {
  if (code === 0x0d) return '\\r';
  if (code === 0x09) return '\\t';
  if (code === 0x00) return '\\0';
  return `\\x${code.toString(16).padStart(2, '0')}`;
}

/**
 * Plain text split into lines. With showControls, CR and other control characters appear as
 * escapes (\r, \t, \0, \x1b) so an exact HTTP message shows its CRLFs.
 */
export function plainText(text: string, showControls = false): Highlighted {
  const b = new Builder();
  if (!showControls) {
    b.pushText(text, Tok.plain);
    return b.done();
  }
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x0a) {
      b.push(text.slice(from, i), Tok.plain);
      b.newline('');
      from = i + 1;
    } else if (code < 0x20 || code === 0x7f) {
      b.push(text.slice(from, i), Tok.plain);
      b.push(controlEscape(code), Tok.ctrl);
      from = i + 1;
    }
  }
  b.push(text.slice(from), Tok.plain);
  return b.done();
}

export function lineCount(doc: Highlighted): number {
  return doc.lineStarts.length;
}

/** The tokens of one line, clipped to it, at most maxChars long. */
export function lineTokens(doc: Highlighted, line: number, maxChars: number): { tokens: Array<[string, TokKind]>; hidden: number } {
  const start = doc.lineStarts[line] ?? 0;
  const nextStart = doc.lineStarts[line + 1];
  const end = nextStart === undefined ? doc.text.length : nextStart - 1; // drop the '\n'
  const shownEnd = Math.min(end, start + maxChars);
  const tokens: Array<[string, TokKind]> = [];
  let t = firstTokenAt(doc.tokStarts, start);
  while (t < doc.tokStarts.length && doc.tokStarts[t]! < shownEnd) {
    const a = Math.max(doc.tokStarts[t]!, start);
    const z = Math.min(doc.tokStarts[t + 1] ?? doc.text.length, shownEnd);
    if (z > a) tokens.push([doc.text.slice(a, z), doc.tokKinds[t] as TokKind]);
    t++;
  }
  return { tokens, hidden: end - shownEnd };
}

function firstTokenAt(starts: Uint32Array, offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
