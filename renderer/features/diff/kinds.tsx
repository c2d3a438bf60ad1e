import type { ReactNode } from 'react';
import { VisibleText } from '../../components/VisibleText';

/** Every kind has a sign and a word besides its colour: readable without colour vision. */
export type Kind = 'changed' | 'added' | 'removed' | 'encoding-only' | 'order' | 'moved' | 'casing' | 'unchanged';

const KINDS: Record<Kind, { sign: string; word: string; help: string }> = {
  changed: { sign: '~', word: 'changed', help: 'The value differs' },
  added: { sign: '+', word: 'added', help: 'Only on the right' },
  removed: { sign: '−', word: 'removed', help: 'Only on the left' },
  'encoding-only': { sign: '≈', word: 'encoding-only', help: 'Same decoded value, different bytes on the wire (e.g. + vs %20, %7B vs {)' },
  order: { sign: '↕', word: 'order', help: 'The same items in another order' },
  moved: { sign: '↔', word: 'moved', help: 'The same element at another array index' },
  casing: { sign: 'Aa', word: 'casing', help: 'The same name in another letter case' },
  unchanged: { sign: '', word: 'same', help: 'Identical on both sides' },
};

export function kindSign(kind: Kind): string {
  return KINDS[kind].sign;
}

/** Noise: reported so it can be seen (signatures may depend on it) but not counted. */
export function isNoise(entry: { kind: string; counted: boolean }): boolean {
  return entry.kind !== 'unchanged' && !entry.counted;
}

export function rowClass(entry: { kind: string; counted: boolean; ignored?: boolean }): string {
  const noise = isNoise(entry);
  return `d-row k-${entry.kind} ${noise ? 'is-noise' : ''} ${entry.ignored ? 'is-ignored' : ''}`;
}

/** Attributes that make a row a stop for n / p. */
export function stopProps(entry: { kind: string }): Record<string, string> {
  return entry.kind === 'unchanged' ? {} : { 'data-diff-stop': entry.kind };
}

export function KindTag({ kind, counted, ignored, volatile }: { kind: Kind; counted: boolean; ignored?: boolean; volatile?: boolean }) {
  const k = KINDS[kind];
  const noise = kind !== 'unchanged' && !counted;
  const why = ignored ? 'ignored by a rule' : volatile ? 'volatile header' : 'noise';
  return (
    <span className="d-kind-cell">
      <span className={`d-kind k-${kind}`} data-kind={kind} title={k.help}>
        {k.sign ? (
          <span className="d-sign" aria-hidden="true">
            {k.sign}
          </span>
        ) : null}
        {k.word}
      </span>
      {noise ? (
        <span className="d-noise" data-testid="noise-tag" title={`Shown, not counted: ${why}`}>
          {ignored ? 'ignored' : volatile ? 'volatile' : 'noise'}
        </span>
      ) : null}
    </span>
  );
}

/** The part of `text` that differs from `other` (common prefix and suffix trimmed), marked. */
export function Changed({ text, other, side }: { text: string; other: string | null; side: 'left' | 'right' }): ReactNode {
  if (other === null || other === text) return <VisibleText text={text} />;
  let start = 0;
  const max = Math.min(text.length, other.length);
  while (start < max && text[start] === other[start]) start++;
  let end = 0;
  while (end < max - start && text[text.length - 1 - end] === other[other.length - 1 - end]) end++;
  const mid = text.slice(start, text.length - end);
  return (
    <>
      <VisibleText text={text.slice(0, start)} />
      {mid ? (
        <mark className={`d-mark d-mark-${side}`}>
          <VisibleText text={mid} />
        </mark>
      ) : null}
      <VisibleText text={text.slice(text.length - end)} />
    </>
  );
}

/** A monospace value cell; empty and missing are told apart. */
export function Mono({ children, title, className = '' }: { children: ReactNode; title?: string | undefined; className?: string }) {
  return (
    <span className={`d-value ${className}`} title={title}>
      {children}
    </span>
  );
}

/** "1 changed · 1 added · 2 same" for a section title. */
export function countKinds(entries: ReadonlyArray<{ kind: string }>): string {
  const counts = new Map<string, number>();
  for (const e of entries) counts.set(e.kind, (counts.get(e.kind) ?? 0) + 1);
  const order: Kind[] = ['changed', 'added', 'removed', 'encoding-only', 'moved', 'casing', 'order', 'unchanged'];
  return order
    .filter((k) => counts.has(k))
    .map((k) => `${counts.get(k)} ${KINDS[k].word}`)
    .join(' · ');
}
