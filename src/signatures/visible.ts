/**
 * Makes a canonical string's invisible characters visible, so a QA engineer can see
 * why two strings that look identical sign differently (U+2063 separators, NBSP,
 * trailing spaces, CRLF, tabs, zero-width characters).
 */

/** Zero-width and format characters that render as nothing but change the bytes. */
const INVISIBLE = new Set([
  0x00ad, 0x180e, 0x200b, 0x200c, 0x200d, 0x200e, 0x200f, 0x2028, 0x2029, 0x202a, 0x202b, 0x202c,
  0x202d, 0x202e, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0xfeff, 0xfffd,
]);

function codePointTag(cp: number): string {
  return `⟨U+${cp.toString(16).toUpperCase().padStart(4, '0')}⟩`;
}

function visibleChar(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  if (ch === '\n') return '⏎\n';
  if (ch === '\r') return '␍';
  if (ch === '\t') return '⇥';
  if (cp === 0x00a0) return '⟨NBSP⟩';
  if (cp === 0x202f) return '⟨NNBSP⟩';
  if (INVISIBLE.has(cp)) return codePointTag(cp);
  if (cp < 0x20 || cp === 0x7f || (cp >= 0x80 && cp < 0xa0)) return codePointTag(cp);
  return ch;
}

/** Spaces before a line end (or the string end) become '·' — they are the usual invisible diff. */
function markTrailingSpaces(line: string): string {
  const m = /( +)$/.exec(line);
  if (!m) return line;
  return line.slice(0, line.length - m[1]!.length) + '·'.repeat(m[1]!.length);
}

export function makeVisible(text: string): string {
  const lines = text.split('\n');
  return lines
    .map((line, i) => {
      const body = Array.from(markTrailingSpaces(line), visibleChar).join('');
      return i < lines.length - 1 ? body + '⏎\n' : body;
    })
    .join('');
}
