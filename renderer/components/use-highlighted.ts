import { useEffect, useMemo, useState } from 'react';
import type { Highlighted } from '../lib/highlight';
import { highlightInWorker, highlightSync, SYNC_LIMIT } from '../lib/highlight-async';
import type { HighlightJob } from '../lib/highlight.worker';

type Mode = HighlightJob['mode'];

/** The highlighted document, or null while a worker is still tokenizing a large text. */
export function useHighlighted(text: string | null, mode: Mode): Highlighted | null {
  const small = text !== null && text.length <= SYNC_LIMIT;
  const sync = useMemo(() => (small && text !== null ? highlightSync(text, mode) : null), [small, text, mode]);
  const [big, setBig] = useState<{ text: string; mode: Mode; doc: Highlighted } | null>(null);

  useEffect(() => {
    if (text === null || small) return;
    let live = true;
    void highlightInWorker(text, mode).then((doc) => {
      if (live) setBig({ text, mode, doc });
    });
    return () => {
      live = false;
    };
  }, [text, mode, small]);

  if (sync) return sync;
  return big && big.text === text && big.mode === mode ? big.doc : null;
}
