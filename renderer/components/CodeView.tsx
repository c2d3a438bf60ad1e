import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useRef } from 'react';
import { lineCount, lineTokens, Tok, type Highlighted, type TokKind } from '../lib/highlight';

const LINE_HEIGHT = 18;
/** A single minified line can be megabytes long; the rest is counted, never silently dropped. */
const MAX_LINE_CHARS = 10_000;

const TOKEN_CLASS: Record<TokKind, string | null> = {
  [Tok.plain]: null,
  [Tok.punct]: 't-punct',
  [Tok.key]: 't-key',
  [Tok.string]: 't-string',
  [Tok.number]: 't-number',
  [Tok.literal]: 't-literal',
  [Tok.error]: 't-error',
  [Tok.ctrl]: 't-ctrl',
};

/**
 * Only the visible lines exist in the DOM, so a 1 MiB body scrolls like a 1 KiB one.
 * `wrap`: long lines wrap (a raw message's query string is one very long line); rows are then
 * measured, since a wrapped line is taller than LINE_HEIGHT. Off: one row per line, scroll sideways.
 */
export function CodeView({ doc, label, testId, wrap = false }: { doc: Highlighted; label: string; testId?: string; wrap?: boolean }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const count = lineCount(doc);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => LINE_HEIGHT,
    overscan: 20,
  });
  // Heights measured in one mode are wrong in the other.
  useEffect(() => {
    virtualizer.measure();
  }, [wrap, virtualizer]);
  const digits = String(count).length;
  return (
    <div
      className={wrap ? 'code-view code-wrap' : 'code-view'}
      ref={scrollRef}
      tabIndex={0}
      role="region"
      aria-label={label}
      data-testid={testId}
      style={{ ['--ln-digits' as string]: `${digits}ch` }}
    >
      <div className="code-inner" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => (
          <CodeLine
            key={item.index}
            doc={doc}
            line={item.index}
            top={item.start}
            measure={wrap ? virtualizer.measureElement : undefined}
          />
        ))}
      </div>
    </div>
  );
}

const CodeLine = memo(function CodeLine({
  doc,
  line,
  top,
  measure,
}: {
  doc: Highlighted;
  line: number;
  top: number;
  /** Set in wrap mode: the row reports its real height to the virtualizer. */
  measure?: ((el: Element | null) => void) | undefined;
}) {
  const { tokens, hidden } = lineTokens(doc, line, MAX_LINE_CHARS);
  return (
    <div
      className="code-line"
      ref={measure}
      data-index={line}
      style={{ transform: `translateY(${top}px)`, ...(measure ? { minHeight: LINE_HEIGHT } : { height: LINE_HEIGHT }) }}
    >
      <span className="ln" aria-hidden="true">
        {line + 1}
      </span>
      <span className="lc">
        {tokens.map(([text, kind], i) => {
          const cls = TOKEN_CLASS[kind];
          return cls ? (
            <span key={i} className={cls}>
              {text}
            </span>
          ) : (
            text
          );
        })}
        {hidden > 0 ? <span className="line-more">{` … ${hidden.toLocaleString('en-US')} more characters on this line`}</span> : null}
      </span>
    </div>
  );
});
