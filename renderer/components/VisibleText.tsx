import { Fragment, type ReactNode } from 'react';
import { controlEscape } from '../lib/highlight';

/**
 * Characters that would hide in a value (controls, zero-width, bidi marks, U+2063…) are drawn as
 * a visible marker: a value that "looks right" but carries one is a classic signature failure.
 */
const HIDDEN = /[\u0000-\u001f\u007f-\u00a0\u00ad\u034f\u061c\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f\ufeff\ufff0-\ufffb]/g;

function marker(ch: string): string {
  const code = ch.codePointAt(0)!;
  if (code < 0x20 || code === 0x7f) return controlEscape(code);
  if (code === 0xa0) return 'NBSP';
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

export function VisibleText({ text }: { text: string }): ReactNode {
  HIDDEN.lastIndex = 0;
  if (!HIDDEN.test(text)) return text;
  const out: ReactNode[] = [];
  let from = 0;
  HIDDEN.lastIndex = 0;
  for (let m = HIDDEN.exec(text); m; m = HIDDEN.exec(text)) {
    if (m.index > from) out.push(text.slice(from, m.index));
    const code = m[0].codePointAt(0)!;
    out.push(
      <span key={m.index} className="hidden-char" title={`U+${code.toString(16).toUpperCase().padStart(4, '0')}`}>
        {marker(m[0])}
      </span>,
    );
    from = m.index + 1;
  }
  if (from < text.length) out.push(text.slice(from));
  return <Fragment>{out}</Fragment>;
}
